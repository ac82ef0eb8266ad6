/**
 * Deals saved from the workbench, served like the bundled ones: each deal's latest
 * version (from the store) is written out as files — the deal file, and the loan
 * tape and column map at the paths the deal names — so the catalog, the compute
 * workers and the tape loader read them as they read any deal file.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join, normalize, sep } from "node:path";
import type { Deal } from "../deal/schema.js";
import type { DealVersion } from "../store/deal-versions.js";
import { ApiError } from "./errors.js";

/** A path a saved deal names for its tape or map: relative, inside the deal's folder. */
export function safeRelativePath(path: string, field: string): string {
  const n = normalize(path);
  if (isAbsolute(path) || n.startsWith("..") || n.split(sep).includes("..")) {
    throw new ApiError(422, "invalid_deal", `${field}: a saved deal names its files relative to itself, inside its folder; got "${path}"`, [{ path: field, message: "must be a relative path inside the deal's folder" }]);
  }
  return n;
}

/** Writes a version's files under `root/<dealId>/v<version>/` and answers the deal file's path. */
export function writeDealVersion(root: string, v: DealVersion, deal: Deal): string {
  const dir = join(root, v.dealId, `v${v.version}`);
  mkdirSync(dir, { recursive: true });
  const dealPath = join(dir, `${v.dealId}.yaml`);
  const named = deal.collateral.loanTape;
  if ("file" in named) {
    if (v.tape) {
      const at = join(dir, safeRelativePath(named.file, "collateral.loanTape.file"));
      mkdirSync(dirname(at), { recursive: true });
      writeFileSync(at, v.tape.bytes);
    }
    if (named.map && v.map) {
      const at = join(dir, safeRelativePath(named.map, "collateral.loanTape.map"));
      mkdirSync(dirname(at), { recursive: true });
      writeFileSync(at, v.map.yaml);
    }
  }
  writeFileSync(dealPath, v.yaml);
  return dealPath;
}
