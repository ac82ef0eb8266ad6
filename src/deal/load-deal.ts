/**
 * Loads a deal by id (`cwalt-2007-12t1` → `<repo>/deals/cwalt-2007-12t1.yaml`)
 * or by path, with the amendments found beside it
 * (`<deal>.amendment-*.yaml`), validated and applied per the options.
 *
 * @example
 *   const { deal, base, ruleSources } = loadDeal("cwalt-2006-hy12");
 *   loadDeal("cwalt-2006-hy12", { amendments: "none" }).deal; // the PSA as signed
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { AmendmentSelection } from "./amendments.js";
import { parseDealText, type DealSourceText, type LoadedDeal } from "./parse-deal.js";
import { DealFileError } from "./problems.js";

export interface LoadDealOptions {
  /** Base for relative paths (default: the process's working directory). */
  readonly cwd?: string;
  /** Which amendments to apply (default `"all"`). Every amendment file is validated either way. */
  readonly amendments?: AmendmentSelection;
}

const DEAL_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/**
 * A top-level folder of the installation (`deals`, `data`), found from this
 * module's location so it works from src/ and dist/ and from any working directory.
 */
export function installedDirectory(name: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i += 1) {
    const candidate = join(dir, name);
    if (existsSync(join(dir, "package.json")) && existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", name);
}

/** The repository's `deals/` directory. */
export function dealsDirectory(): string {
  return installedDirectory("deals");
}

/** Ids of the deals in a deals directory (default the shipped `deals/`), amendment files excluded. */
export function listDeals(directory: string = dealsDirectory()): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .filter((f) => f.endsWith(".yaml") && !f.includes(".amendment-"))
    .map((f) => f.slice(0, -".yaml".length))
    .sort();
}

/** A deal id or a path → the deal file's absolute path (throws `DealFileError` when there is none). */
export function resolveDealPath(nameOrPath: string, cwd: string = process.cwd()): string {
  const looksLikePath = /[\\/]/.test(nameOrPath) || /\.ya?ml$/i.test(nameOrPath) || !DEAL_ID.test(nameOrPath);
  if (looksLikePath) {
    const path = isAbsolute(nameOrPath) ? nameOrPath : resolve(cwd, nameOrPath);
    if (!existsSync(path)) throw new DealFileError(`${nameOrPath}: no such file`, path, "not-found");
    if (!statSync(path).isFile()) throw new DealFileError(`${nameOrPath}: not a file`, path, "unreadable");
    return path;
  }
  const byId = join(dealsDirectory(), `${nameOrPath}.yaml`);
  if (existsSync(byId)) return byId;
  const local = resolve(cwd, nameOrPath);
  if (existsSync(local) && statSync(local).isFile()) return local;
  const known = listDeals();
  throw new DealFileError(
    `no deal "${nameOrPath}": looked for ${byId}${known.length > 0 ? ` (deals: ${known.join(", ")})` : ""}`,
    byId,
    "not-found",
  );
}

/** Amendment files beside a deal file: `<stem>.amendment-*.yaml`, sorted by name. */
export function findAmendmentFiles(dealPath: string): string[] {
  const stem = basename(dealPath).replace(/\.ya?ml$/i, "");
  const dir = dirname(dealPath);
  return readdirSync(dir)
    .filter((f) => f.startsWith(`${stem}.amendment-`) && /\.ya?ml$/i.test(f))
    .sort()
    .map((f) => join(dir, f));
}

function readSource(path: string): DealSourceText {
  try {
    return { text: readFileSync(path, "utf8"), fileName: path };
  } catch (error) {
    throw new DealFileError(`${path}: cannot read: ${(error as Error).message}`, path, "unreadable");
  }
}

/**
 * Loads, validates and amends a deal. Throws `DealFileError` (missing, unreadable
 * or not YAML) or `DealValidationError` (every problem, located).
 */
export function loadDeal(nameOrPath: string, options: LoadDealOptions = {}): LoadedDeal {
  const path = resolveDealPath(nameOrPath, options.cwd);
  const source = readSource(path);
  return parseDealText(source.text, path, {
    amendments: findAmendmentFiles(path).map(readSource),
    selection: options.amendments ?? "all",
  });
}
