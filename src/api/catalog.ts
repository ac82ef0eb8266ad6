/**
 * The deals a server offers: the `*.yaml` files of one directory (default the
 * repository's `deals/`), each with its amendments beside it. Loaded deals are
 * cached and reloaded when a file changes, so editing a deal file shows up on
 * the next request without a restart.
 */
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { dealsDirectory, findAmendmentFiles, listDeals, loadDeal } from "../deal/load-deal.js";
import type { AmendmentSelection } from "../deal/amendments.js";
import type { LoadedDeal } from "../deal/parse-deal.js";
import { DealFileError, DealValidationError } from "../deal/problems.js";
import type { Deal } from "../deal/schema.js";
import { ApiError } from "./errors.js";

/** "signed": the PSA as signed; "amended": every amendment in force. */
export type AmendmentsChoice = "signed" | "amended";

export function selectionOf(choice: AmendmentsChoice): AmendmentSelection {
  return choice === "signed" ? "none" : "all";
}

const DEAL_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

export interface DealSummary {
  id: string;
  name: string;
  closingDate: string;
  offeredAmount: number;
  classCount: number;
  groups: string[];
  amendments: { id: string; title: string; dateSigned: string; effectiveDate: string }[];
  pricingScenario: string;
  /** The prepayment units a scenario of this deal may use: PPC only when the deal defines its Prepayment Assumption. */
  prepaymentUnits: string[];
  /** The deal's Prepayment Assumption (the ramp 100 PPC stands for), or null when it defines none. */
  prepaymentAssumption: { name: string; startCpr: number; endCpr: number; rampMonths: number } | null;
  /** The index the bare word LIBOR stands for in this deal's scenarios. */
  liborIndex: string;
}

export interface CreditSupportRow {
  class: string;
  initialBalance: number;
  percentOfPool: number;
  creditSupport: number;
}

/** The deal's pricing scenario in the analysts' syntax (e.g. "100 PPC", "25 CPR"). */
export function pricingScenarioText(deal: Deal): string {
  return `${deal.collateral.pricingSpeed.value} ${deal.collateral.pricingSpeed.unit.toUpperCase()}`;
}

/** The prepayment units the deal's scenarios may use: PPC needs the deal's Prepayment Assumption. */
export function prepaymentUnitsOf(deal: Deal): string[] {
  return [...(deal.collateral.prepaymentAssumption ? ["ppc"] : []), "cpr", "psa", "smm"];
}

/** The index the bare word `LIBOR` stands for in this deal's scenarios. */
export function liborIndexOf(deal: Deal): string {
  return Object.keys(deal.collateral.defaultIndices).find((k) => k.startsWith("LIBOR")) ?? "LIBOR_1M";
}

export function summarize(loaded: LoadedDeal): DealSummary {
  const deal = loaded.base;
  return {
    id: deal.id,
    name: deal.name,
    closingDate: deal.dates.closingDate,
    offeredAmount: deal.offeredAmount,
    classCount: deal.classes.length,
    groups: deal.collateral.groups.map((g) => g.id),
    amendments: loaded.amendments.map(({ amendment: a }) => ({
      id: a.id,
      title: a.title,
      dateSigned: a.dateSigned,
      effectiveDate: a.effectiveDate,
    })),
    pricingScenario: pricingScenarioText(deal),
    prepaymentUnits: prepaymentUnitsOf(deal),
    prepaymentAssumption: deal.collateral.prepaymentAssumption ? { ...deal.collateral.prepaymentAssumption } : null,
    liborIndex: liborIndexOf(deal),
  };
}

/**
 * Each class's share of the non-PO pool and its Original Applicable Credit
 * Support Percentage (the balances junior to it over the non-PO pool); seniors
 * are supported by every subordinate class.
 */
export function creditSupport(deal: Deal): CreditSupportRow[] {
  const principal = deal.classes.filter((c) => c.notional === undefined);
  const po = new Set(principal.filter((c) => c.types.includes("principalOnly")).map((c) => c.id));
  const nonPoTotal = principal.filter((c) => !po.has(c.id)).reduce((s, c) => s + c.initialBalance, 0);
  const order = deal.lossAllocation.subordinateOrder; // most junior first
  const subordinateTotal = order.reduce((s, id) => s + (deal.classes.find((c) => c.id === id)?.initialBalance ?? 0), 0);
  const juniorTo = (id: string): number => {
    const at = order.indexOf(id);
    if (at < 0) return subordinateTotal;
    return order.slice(0, at).reduce((s, j) => s + (deal.classes.find((c) => c.id === j)?.initialBalance ?? 0), 0);
  };
  return deal.classes.map((c) => {
    const pct = (x: number) => (nonPoTotal > 0 ? (100 * x) / nonPoTotal : 0);
    const isPrincipal = c.notional === undefined && !po.has(c.id);
    return {
      class: c.id,
      initialBalance: c.initialBalance,
      percentOfPool: isPrincipal ? pct(c.initialBalance) : 0,
      creditSupport: isPrincipal ? pct(juniorTo(c.id)) : 0,
    };
  });
}

/** Turns the deal layer's load failures into API errors that locate each problem. */
export function dealLoadError(error: unknown, id: string): never {
  if (error instanceof DealValidationError) {
    throw new ApiError(422, "invalid_deal", `deal ${id} does not validate: ${error.errors.length} problem(s)`, error.errors);
  }
  if (error instanceof DealFileError) {
    if (error.failure === "not-found") throw new ApiError(404, "deal_not_found", `no deal "${id}"`);
    throw new ApiError(422, "invalid_deal", error.message.split("\n")[0], error.problems);
  }
  throw error;
}

interface CacheEntry {
  readonly stamp: string;
  readonly loaded: LoadedDeal;
}

export class DealCatalog {
  private readonly cache = new Map<string, CacheEntry>();

  /** Deals saved from the workbench: id → the file of its latest version (written out from the store). */
  private readonly edited = new Map<string, string>();

  constructor(readonly directory: string = dealsDirectory()) {}

  ids(): string[] {
    const bundled = listDeals(this.directory);
    return [...bundled, ...[...this.edited.keys()].filter((id) => !bundled.includes(id)).sort()];
  }

  /** Whether `id` is a deal of the deals directory (not one saved from the workbench). */
  isBundled(id: string): boolean {
    return DEAL_ID.test(id) && existsSync(join(this.directory, `${id}.yaml`));
  }

  /** Serves a saved deal's latest version from its file. */
  setEdited(id: string, path: string): void {
    this.edited.set(id, path);
  }

  /** The deal file of `id`, or a 404 naming the deals there are. */
  pathOf(id: string): string {
    const saved = this.edited.get(id);
    if (saved !== undefined && !this.isBundled(id)) return saved;
    const path = join(this.directory, `${id}.yaml`);
    if (!DEAL_ID.test(id) || !existsSync(path)) {
      const known = this.ids();
      throw new ApiError(404, "deal_not_found", `no deal "${id}"${known.length ? `; deals: ${known.join(", ")}` : ""}`);
    }
    return path;
  }

  /** The deal loaded with the chosen amendments (cached until a file changes). */
  get(id: string, choice: AmendmentsChoice = "amended"): LoadedDeal {
    const path = this.pathOf(id);
    const stamp = fileStamp(path);
    const key = `${id}\u0000${choice}`;
    const hit = this.cache.get(key);
    if (hit && hit.stamp === stamp) return hit.loaded;
    let loaded: LoadedDeal;
    try {
      loaded = loadDeal(path, { amendments: selectionOf(choice) });
    } catch (error) {
      dealLoadError(error, id);
    }
    this.cache.set(key, { stamp, loaded });
    return loaded;
  }
}

/** Modification times of a deal file and its amendments: a cache key that changes when any of them does. */
export function fileStamp(dealPath: string): string {
  return [dealPath, ...findAmendmentFiles(dealPath)].map((p) => `${p}@${statSync(p).mtimeMs}`).join("|");
}

