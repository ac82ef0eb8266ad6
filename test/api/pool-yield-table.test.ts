/**
 * `POST /api/pool/yield-table` through fastify's `inject`: the table
 * `poolYieldTable` computes (and `tranche pool --prices … --format json`
 * prints) for the same inputs, bad bodies naming the field, and the OpenAPI entry.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer, type TrancheServer } from "../../src/api/server.js";
import { runComputeTask } from "../../src/api/compute-tasks.js";
import type { CivilDate } from "../../src/core/civil-date.js";
import { poolYieldTable } from "../../src/engine/tables/pool-yield-table.js";
import { expectApiError, json, wire } from "../support/api.js";
import { GNMA_I_9_POOL } from "../support/pool-fixtures.js";


let app: TrancheServer;

beforeAll(async () => {
  app = await buildServer({ webRoot: null, workers: 1 });
});

afterAll(async () => {
  await app?.close();
});

const post = (payload: unknown) => app.inject({ method: "POST", url: "/api/pool/yield-table", payload: payload as object });


/** GNMA I 9% on 9.5% mortgages, the docs' example. */
const GNMA_BODY = {
  balance: 1_000_000,
  wac: 9.5,
  net: 9,
  term: 360,
  unit: "psa",
  speeds: [0, 100, 150, 200, 300],
  quotes: { kind: "price", values: [98, 99.5, 100, 101] },
  delayDays: 14,
};
const GNMA_POOL = GNMA_I_9_POOL;

/** SIFMA's standard example with defaults: 100 SDA, 20% severity, 12-month lag. */
const DEFAULTS_BODY = {
  balance: 100_000_000,
  wac: 8,
  net: 7.5,
  term: 360,
  default: { unit: "sda", values: [100] },
  severity: 20,
  lag: 12,
  unit: "cpr",
  speeds: [0, 6, 12],
  quotes: { kind: "yield", values: [7, 7.5, 8] },
};

describe("POST /api/pool/yield-table", () => {
  it("answers what poolYieldTable computes (the GNMA I example of the docs)", async () => {
    const openapi = json((await app.inject({ method: "GET", url: "/openapi.json" })).body);
    expect(openapi.paths["/api/pool/yield-table"].post.requestBody.content["application/json"].example).toEqual(GNMA_BODY);
    const res = await post(GNMA_BODY);
    expect(res.statusCode, res.body).toBe(200);
    const direct = poolYieldTable({
      pool: GNMA_POOL,
      unit: "psa",
      speeds: [0, 100, 150, 200, 300],
      quotes: { kind: "price", values: [98, 99.5, 100, 101] },
      terms: { delayDays: 14 },
    });
    const body = json(res.body);
    expect(body).toEqual(wire(direct));
    expect(body.rows).toHaveLength(4);
    expect(body.rows[0].cells).toHaveLength(5);
    expect(body).toMatchObject({ coupon: 9, delayDays: 14, accruedDays: 0, unit: "psa", quotedBy: "price", referenceQuote: 99.5 });
    expect(body.bySpeed.map((s: { label: string }) => s.label)).toEqual(["0% PSA", "100% PSA", "150% PSA", "200% PSA", "300% PSA"]);
    expect(body.bySpeed[0]).toMatchObject({ firstPrincipalMonth: 1, lastPrincipalMonth: 360 });
  });

  it("at par with no delay, 0 PSA yields the net rate as a bond-equivalent yield", async () => {
    const res = await post({ ...GNMA_BODY, delayDays: 0, speeds: [0], quotes: { kind: "price", values: [100] } });
    expect(res.statusCode, res.body).toBe(200);
    expect(json(res.body).rows[0].cells[0].yield).toBeCloseTo(200 * ((1 + 9 / 1200) ** 6 - 1), 8);
  });

  it("runs a price table with defaults and calendar dates as poolYieldTable does", async () => {
    const res = await post({ ...DEFAULTS_BODY, delayDays: 24, dated: "2024-03-01", settlement: "2024-03-21" });
    expect(res.statusCode, res.body).toBe(200);
    const pool = { ...GNMA_POOL, balance: 100_000_000, wac: 8, net: 7.5, default: { unit: "sda" as const, values: [100] }, severity: [20], lag: 12 };
    const dates = { accrualStart: "2024-03-01" as CivilDate, settlement: "2024-03-21" as CivilDate };
    const direct = poolYieldTable({ pool, unit: "cpr", speeds: [0, 6, 12], quotes: { kind: "yield", values: [7, 7.5, 8] }, terms: { delayDays: 24, dates } });
    expect(json(res.body)).toEqual(wire(direct));
    expect(json(res.body)).toMatchObject({ quotedBy: "yield", settlementDate: "2024-03-21", accrualStartDate: "2024-03-01", accruedDays: 20 });
    // dated + settleDays: the settlement is dated + N days.
    const byDays = await post({ ...DEFAULTS_BODY, delayDays: 24, dated: "2024-03-01", settleDays: 20 });
    expect(json(byDays.body)).toEqual(json(res.body));
    // settleDays alone: 30/360 days, no calendar.
    const noDates = await post({ ...DEFAULTS_BODY, settleDays: 15 });
    expect(json(noDates.body)).toEqual(wire(poolYieldTable({ pool, unit: "cpr", speeds: [0, 6, 12], quotes: { kind: "yield", values: [7, 7.5, 8] }, terms: { delayDays: 0, accruedDays: 15 } })));
  });

  it("runs as a compute task like the other runs", () => {
    const task = {
      kind: "poolYieldTable" as const,
      pool: GNMA_POOL,
      unit: "smm" as const,
      speeds: [0, 1],
      quotes: { kind: "price" as const, values: [99, 101] },
      settlement: { delayDays: 19 },
    };
    expect(runComputeTask(task)).toEqual(poolYieldTable({ ...task, terms: { delayDays: 19 } }));
  });
});

describe("bad bodies get a 4xx naming the field", () => {
  it("refuses malformed terms with 400", async () => {
    const { unit: _u, ...noUnit } = GNMA_BODY;
    let err = expectApiError(await post(noUnit), 400, /unit/);
    expect(err).toMatchObject({ code: "invalid_request" });
    expect(err.details[0]).toMatchObject({ in: "body", path: "unit" });
    expectApiError(await post({ ...GNMA_BODY, unit: "ppc" }), 400, /unit/);
    err = expectApiError(await post({ ...GNMA_BODY, speeds: [] }), 400, /speeds/);
    expect(err.details[0].path).toBe("speeds");
    err = expectApiError(await post({ ...GNMA_BODY, speeds: [100, -5] }), 400, /speeds/);
    expect(err.details[0].path).toBe("speeds[1]");
    err = expectApiError(await post({ ...GNMA_BODY, quotes: { kind: "price", values: [99, 0] } }), 400, /quotes\.values/);
    expect(err.details[0].path).toBe("quotes.values");
    expectApiError(await post({ ...GNMA_BODY, quotes: { kind: "spread", values: [99] } }), 400, /quotes\.kind/);
    expectApiError(await post({ ...GNMA_BODY, quotes: { kind: "price", values: [] } }), 400, /quotes\.values/);
    expectApiError(await post({ ...GNMA_BODY, settleDays: 30 }), 400, /settleDays/);
    expectApiError(await post({ ...GNMA_BODY, dated: "2024-03-15" }), 400, /dated: the first day of a month/);
    expectApiError(await post({ ...GNMA_BODY, prepayment: { unit: "psa", values: [150] } }), 400, /prepayment/);
    expectApiError(await post({ ...GNMA_BODY, pricing: { price: 99 } }), 400, /pricing/);
    expectApiError(await post({ ...GNMA_BODY, balance: -1 }), 400, /balance/);
  });

  it("passes on the engine's refusals as 422 naming the field", async () => {
    let err = expectApiError(await post({ ...GNMA_BODY, net: 10 }), 422, /^net: the net rate 10 is above the WAC 9\.5/);
    expect(err).toMatchObject({ code: "unprocessable", details: [{ in: "body", path: "net" }] });
    err = expectApiError(await post({ ...GNMA_BODY, unit: "cpr", speeds: [6, 150] }), 422, /^speeds\[1\]: 150 CPR is above 100/);
    expect(err.details[0]).toEqual({ in: "body", path: "speeds[1]", message: "150 CPR is above 100" });
    err = expectApiError(await post({ ...GNMA_BODY, quotes: { kind: "price", values: [99, 0.001] } }), 422, /^quotes\.values\[1\]: at 0% PSA, price 0\.001: /);
    expect(err.details[0].path).toBe("quotes.values[1]");
    err = expectApiError(await post({ ...GNMA_BODY, dated: "2024-03-01", settlement: "2024-04-02" }), 422, /^settlement: 2024-04-02 is not in the first accrual month/);
    expect(err.details[0].path).toBe("settlement");
    expectApiError(await post({ ...GNMA_BODY, settlement: "2024-03-10" }), 422, /^settlement: needs dated/);
    expectApiError(await post({ ...GNMA_BODY, dated: "2023-02-01", settleDays: 28 }), 422, /^settleDays: 28 days after 2023-02-01 is past the month's end/);
    err = expectApiError(await post({ ...DEFAULTS_BODY, default: { unit: "cdr", values: [2, 150] } }), 422, /^default\.values\[1\]: 150 is outside 0\.\.100/);
    expect(err.details[0]).toEqual({ in: "body", path: "default.values[1]", message: "150 is outside 0..100" });
    expectApiError(await post({ ...GNMA_BODY, age: 360 }), 422, /^age: /);
  });
});

describe("OpenAPI", () => {
  it("lists POST /api/pool/yield-table with its request and response schemas", async () => {
    const doc = json((await app.inject({ method: "GET", url: "/openapi.json" })).body);
    const op = doc.paths["/api/pool/yield-table"].post;
    expect(op).toMatchObject({ operationId: "poolYieldTable", tags: ["runs"] });
    expect(op.requestBody.content["application/json"].schema).toEqual({ $ref: "#/components/schemas/PoolYieldTableRequest" });
    expect(op.responses["200"].content["application/json"].schema).toEqual({ $ref: "#/components/schemas/PoolYieldTable" });
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(["200", "400", "422"]));
    const request = doc.components.schemas.PoolYieldTableRequest;
    expect(request.required).toEqual(expect.arrayContaining(["balance", "wac", "term", "unit", "speeds", "quotes"]));
    for (const field of ["balance", "wac", "net", "term", "age", "unit", "speeds", "default", "severity", "lag", "advancing", "quotes", "delayDays", "settleDays", "dated", "settlement"]) {
      expect(request.properties[field], field).toBeDefined();
      expect(JSON.stringify(request.properties[field]), field).toMatch(/"description"/);
    }
    expect(request.properties.prepayment).toBeUndefined();
    expect(request.properties.pricing).toBeUndefined();
    const result = doc.components.schemas.PoolYieldTable;
    expect(Object.keys(result.properties)).toEqual(expect.arrayContaining(["pool", "coupon", "rows", "referenceQuote", "bySpeed"]));
    expect(JSON.stringify(result.properties.rows)).toMatch(/PoolAnalytics/);
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
    for (const r of refs) expect(doc.components.schemas, r).toHaveProperty(r);
  });
});
