/**
 * The workbench's only way to the engine: the HTTP API. Types come from the
 * server's sources (type-only imports, erased at build); no code from src/.
 */
import type { ProjectionResult } from "../../src/engine/result.js";
import type { Deal } from "../../src/deal/schema.js";
import type { Scenario } from "../../src/core/scenario.js";
import type { AmendmentDiffResponse as AmendmentDiff } from "../../src/api/compute-tasks.js";
import type { BreakevenResult, DecrementTable, YieldTable } from "../../src/engine/tables/index.js";
import type { PoolReport } from "../../src/engine/pool-request.js";
import type { PoolYieldTable } from "../../src/engine/tables/pool-yield-table.js";

export type { ProjectionResult, Deal, Scenario, AmendmentDiff, DecrementTable, YieldTable, BreakevenResult, PoolReport, PoolYieldTable };

/** A generic pool's terms as `POST /api/pool` takes them (its `prepayment` aside). */
export interface PoolTerms {
  balance: number;
  wac: number;
  net?: number;
  term: number;
  age?: number;
  default?: { unit: "mdr" | "cdr" | "sda"; values: number[] };
  severity?: number;
  lag?: number;
  advancing?: boolean;
}

/** When a pass-through of the pool settles and is paid. */
export interface PoolSettlement {
  delayDays?: number;
  settleDays?: number;
}

export interface DealSummary {
  id: string;
  name: string;
  closingDate: string;
  offeredAmount: number;
  classCount: number;
  groups: string[];
  amendments: { id: string; title: string; dateSigned: string; effectiveDate: string }[];
  pricingScenario: string;
  /** Prepayment units the deal's scenarios take (PPC only with a Prepayment Assumption). */
  prepaymentUnits: string[];
  prepaymentAssumption: { name: string; startCpr: number; endCpr: number; rampMonths: number } | null;
  /** What the bare word LIBOR stands for, e.g. LIBOR_1Y. */
  liborIndex: string;
}

export interface DealDetail {
  summary: DealSummary;
  deal: Deal;
  provenance: { path: string; kind: "filed" | "modeled"; source: string }[];
  creditSupport: { class: string; initialBalance: number; percentOfPool: number; creditSupport: number }[];
}

export interface ApiErrorBody {
  error: { status: number; code: string; message: string; details?: unknown };
}

export class ApiCallError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

async function call<T>(method: "GET" | "POST", url: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (e) {
    if ((e as Error).name === "AbortError") throw e;
    throw new ApiCallError(0, "network", `cannot reach the server: ${(e as Error).message}`);
  }
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ApiCallError(res.status, "bad_response", `the server answered ${res.status} with something that is not JSON`);
  }
  if (!res.ok) {
    const e = (json as ApiErrorBody).error;
    throw new ApiCallError(res.status, e?.code ?? "error", e?.message ?? `HTTP ${res.status}`, e?.details);
  }
  return json as T;
}

export const api = {
  deals: () => call<{ deals: DealSummary[] }>("GET", "/api/deals"),
  deal: (id: string) => call<DealDetail>("GET", `/api/deals/${encodeURIComponent(id)}`),
  parseScenario: (text: string, deal: string) =>
    call<{ scenario: Scenario; text: string }>("GET", `/api/scenario/parse?text=${encodeURIComponent(text)}&deal=${encodeURIComponent(deal)}`),
  project: (id: string, scenario: string, amendments: "signed" | "amended", signal?: AbortSignal) =>
    call<ProjectionResult>("POST", `/api/deals/${encodeURIComponent(id)}/projection`, { scenario, amendments }, signal),
  amendmentDiff: (id: string, scenario: string, signal?: AbortSignal) =>
    call<AmendmentDiff>("POST", `/api/deals/${encodeURIComponent(id)}/amendment-diff`, { scenario }, signal),
  decrementTable: (id: string, body: { scenario: string; speeds: number[]; unit: string; amendments: "signed" | "amended" }, signal?: AbortSignal) =>
    call<DecrementTable>("POST", `/api/deals/${encodeURIComponent(id)}/decrement-table`, body, signal),
  yieldTable: (
    id: string,
    body: {
      scenario: string;
      class: string;
      speeds: number[];
      unit: string;
      prices?: number[];
      yields?: number[];
      /** A flat benchmark yield, percent: each cell's spread (bp) at its average life. */
      benchmark?: number;
      /** Effective duration and convexity from the deal re-projected at yield and index paths ± this many bp. */
      effectiveBp?: number;
      amendments: "signed" | "amended";
    },
    signal?: AbortSignal,
  ) => call<YieldTable>("POST", `/api/deals/${encodeURIComponent(id)}/yield-table`, body, signal),
  breakeven: (id: string, body: { scenario: string; class: string; amendments: "signed" | "amended" }, signal?: AbortSignal) =>
    call<BreakevenResult>("POST", `/api/deals/${encodeURIComponent(id)}/breakeven`, body, signal),
  pool: (
    body: PoolTerms & { prepayment?: { unit: "smm" | "cpr" | "psa"; values: number[] }; pricing?: ({ price: number } | { yield: number }) & PoolSettlement },
    signal?: AbortSignal,
  ) => call<PoolReport>("POST", "/api/pool", body, signal),
  poolYieldTable: (
    body: PoolTerms & PoolSettlement & { unit: "smm" | "cpr" | "psa"; speeds: number[]; quotes: { kind: "price" | "yield"; values: number[] } },
    signal?: AbortSignal,
  ) => call<PoolYieldTable>("POST", "/api/pool/yield-table", body, signal),
};
