/**
 * A deal file's own loan tape (`collateral.loanTape: {file: tapes/x.csv, map: tapes/x.map.yaml}`,
 * both relative to the deal file): read with the deal's Cut-off Date and checked
 * against the deal, every group of the tape a group of the deal and each group's
 * balance its rep lines' Stated Principal Balance at the Cut-off Date, to the cent.
 */
import { dirname, isAbsolute, resolve } from "node:path";
import { formatCents, toCents, type Cents } from "../../core/money.js";
import type { Deal } from "../schema.js";
import { parseColumnMap, readColumnMap } from "./column-map.js";
import { TapeError, type TapeProblem } from "./problems.js";
import { readTapeBytes, readTapeFile } from "./read-tape.js";
import type { ImportedTape, TapeLoan } from "./tape-builder.js";

/** The tape file a deal names, as a path, or null for the synthetic generator. */
export function dealTapeFile(deal: Deal, dealPath: string): { file: string; map?: string } | null {
  const t = deal.collateral.loanTape;
  if (!("file" in t)) return null;
  const at = (p: string) => (isAbsolute(p) ? p : resolve(dirname(dealPath), p));
  return { file: at(t.file), ...(t.map ? { map: at(t.map) } : {}) };
}

/** Reads and checks the tape a deal names (null when it names none). Throws TapeError naming every problem. */
export async function loadDealTape(
  deal: Deal,
  dealPath: string,
  options: { bytes?: Uint8Array; mapText?: string } = {},
): Promise<ImportedTape | null> {
  const where = dealTapeFile(deal, dealPath);
  if (where === null) return null;
  const map =
    where.map === undefined ? undefined : options.mapText !== undefined ? parseColumnMap(options.mapText, where.map) : readColumnMap(where.map);
  const read = { ...(map ? { map } : {}), cutoffDate: deal.dates.cutoffDate };
  const tape = options.bytes ? await readTapeBytes(options.bytes, where.file, read) : await readTapeFile(where.file, read);
  const problems = checkTapeAgainstDeal(deal, tape.loans);
  if (problems.length) throw new TapeError(where.file, problems, `loan tape of ${deal.id}`);
  return tape;
}

const dollars = (cents: number) => `${cents < 0 ? "−" : ""}$${formatCents(Math.abs(cents) as Cents)}`;

/** The tape against the deal: groups known, each group's balance its rep lines', ARM indices in defaultIndices. */
export function checkTapeAgainstDeal(deal: Deal, loans: readonly TapeLoan[]): TapeProblem[] {
  const problems: TapeProblem[] = [];
  const groups = new Map(deal.collateral.groups.map((g) => [g.id, g]));
  const balance = new Map<string, number>();
  const unknown = new Map<string, number>();
  const indices = new Set(Object.keys(deal.collateral.defaultIndices));
  const badIndex = new Map<string, number>();
  for (const l of loans) {
    if (!groups.has(l.group)) {
      if (!unknown.has(l.group)) unknown.set(l.group, l.row);
      continue;
    }
    balance.set(l.group, (balance.get(l.group) ?? 0) + toCents(l.currentBalance));
    if (l.arm && !indices.has(l.arm.index) && !badIndex.has(l.arm.index)) badIndex.set(l.arm.index, l.row);
  }
  for (const [g, row] of unknown) problems.push({ row, column: "group", message: `group "${g}" is not a loan group of ${deal.id} (groups: ${[...groups.keys()].join(", ")})` });
  for (const [x, row] of badIndex) problems.push({ row, column: "armIndex", message: `index ${x} has no value in the deal's collateral.defaultIndices (${[...indices].join(", ") || "none"})` });
  for (const [id, g] of groups) {
    const repLines = g.repLines.reduce((a, r) => a + toCents(r.statedPrincipalBalance), 0);
    const tape = balance.get(id) ?? 0;
    if (tape !== repLines) {
      problems.push({
        row: 0,
        column: "",
        message: `group ${id}: the tape's loans sum to ${dollars(tape)}, the deal's rep lines (the Cut-off Date balance) to ${dollars(repLines)} (difference ${dollars(tape - repLines)}); tranche tape replines builds rep lines that agree`,
      });
    }
  }
  return problems;
}
