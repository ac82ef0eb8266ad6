/**
 * A unit of work of a named kind over one content-addressed deal document: what
 * the worker-thread pool and the queue both run. A kind is a pure function of
 * (deal document, payload) → result rows, so the same item gives the same rows
 * wherever it runs, and its id (`workId`) can name it across machines.
 * `tranche oas` path chunks are meant to become another kind here.
 */
import { createHash } from "node:crypto";
import type { DealDocument } from "./deal-document.js";
import { runGridChunk, type GridCell, type GridChunk } from "./grid.js";

export interface WorkKinds {
  /** A chunk of a scenario grid → cells[scenario][class]. */
  gridChunk: { payload: Omit<GridChunk, "deal">; result: GridCell[][] };
}
export type WorkKind = keyof WorkKinds;

export interface WorkItem<K extends WorkKind = WorkKind> {
  readonly kind: K;
  readonly deal: DealDocument;
  readonly payload: WorkKinds[K]["payload"];
}

const runners: { [K in WorkKind]: (deal: DealDocument, payload: WorkKinds[K]["payload"]) => WorkKinds[K]["result"] } = {
  gridChunk: (deal, payload) => runGridChunk({ ...payload, deal }),
};

export function isWorkKind(kind: string): kind is WorkKind {
  return Object.hasOwn(runners, kind);
}

export function runWork<K extends WorkKind>(item: WorkItem<K>): WorkKinds[K]["result"] {
  const run = runners[item.kind] as (deal: DealDocument, payload: WorkKinds[K]["payload"]) => WorkKinds[K]["result"];
  return run(item.deal, item.payload);
}

/** Canonical JSON: object keys sorted, so equal payloads give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** The item's id: its kind, the deal document's hash and a SHA-256 of the payload. */
export function workId(kind: WorkKind, dealHash: string, payload: unknown): string {
  return `${kind}-${createHash("sha256").update(kind).update("\0").update(dealHash).update("\0").update(canonicalJson(payload)).digest("hex")}`;
}
