/**
 * `POST /api/pool` through fastify's `inject`: the rows, totals and pricing the
 * library computes (and `tranche pool --format json` prints) for the same
 * inputs, the STANDARDS identities, bad bodies, and the OpenAPI entry.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer, type TrancheServer } from "../../src/api/server.js";
import { runComputeTask } from "../../src/api/compute-tasks.js";
import { poolPricingFromFlags, renderPool } from "../../src/cli/commands/pool.js";
import { poolCashFlow, type PoolSpec } from "../../src/collateral/pool-cash-flow.js";
import type { CivilDate } from "../../src/core/civil-date.js";
import { poolPricingTerms } from "../../src/engine/pool-request.js";
import { pricePool } from "../../src/engine/price-pool.js";
import { expectApiError, json, wire } from "../support/api.js";
import { SIFMA_DEFAULTS_POOL } from "../support/pool-fixtures.js";


let app: TrancheServer;

beforeAll(async () => {
  app = await buildServer({ webRoot: null, workers: 1 });
});

afterAll(async () => {
  await app?.close();
});

const post = (payload: unknown) => app.inject({ method: "POST", url: "/api/pool", payload: payload as object });


/** SIFMA's standard example with defaults: 100 SDA, 20% severity, 12-month lag. */
const DEFAULTS_BODY = {
  balance: 100_000_000,
  wac: 8,
  net: 7.5,
  term: 360,
  prepayment: { unit: "psa", values: [150] },
  default: { unit: "sda", values: [100] },
  severity: 20,
  lag: 12,
};
const DEFAULTS_SPEC = SIFMA_DEFAULTS_POOL;

describe("POST /api/pool", () => {
  it("answers the rows and totals poolCashFlow computes, and the pool it ran", async () => {
    const res = await post(DEFAULTS_BODY);
    expect(res.statusCode, res.body).toBe(200);
    const body = json(res.body);
    const direct = poolCashFlow(DEFAULTS_SPEC);
    expect(body.rows).toEqual(wire(direct.rows));
    expect(body.totals).toEqual(wire(direct.totals));
    expect(body.rows).toHaveLength(360);
    expect(body.totals.principalLoss).toBeGreaterThan(0);
    expect(body.pool).toMatchObject({ age: 0, advancing: true, severity: [20], lag: 12, interestRate: "net" });
    expect(body.analytics).toBeUndefined();
  });

  it("is what `tranche pool --format json` prints, with pricing", async () => {
    const res = await post({ ...DEFAULTS_BODY, pricing: { yield: 7.6, delayDays: 19, settleDays: 15 } });
    expect(res.statusCode, res.body).toBe(200);
    const result = poolCashFlow(DEFAULTS_SPEC);
    const analytics = pricePool(result, { yield: 7.6 }, { delayDays: 19, accruedDays: 15 });
    expect(json(res.body)).toEqual(JSON.parse(renderPool(result, "json", analytics)));
  });

  it("prices the pass-through as pricePool does (the GNMA I example of the docs)", async () => {
    const body = { balance: 1_000_000, wac: 9.5, net: 9, term: 360, prepayment: { unit: "psa", values: [150] }, pricing: { price: 99.5, delayDays: 14 } };
    const openapi = json((await app.inject({ method: "GET", url: "/openapi.json" })).body);
    expect(openapi.paths["/api/pool"].post.requestBody.content["application/json"].example).toEqual(body);
    const res = await post(body);
    expect(res.statusCode, res.body).toBe(200);
    const spec: PoolSpec = { ...DEFAULTS_SPEC, balance: 1_000_000, wac: 9.5, net: 9, default: { unit: "cdr", values: [0] }, severity: [0], lag: 0 };
    const expected = pricePool(poolCashFlow(spec), { price: 99.5 }, { delayDays: 14 });
    const got = json(res.body).analytics;
    expect(got).toEqual(wire(expected));
    expect(got).toMatchObject({ quotedBy: "price", price: 99.5, accruedInterest: 0, delayDays: 14, coupon: 9 });
    expect(got.yield).toBeGreaterThan(9); // a discount
  });

  it("prices with the defaults case's flows and calendar dates", async () => {
    const res = await post({ ...DEFAULTS_BODY, pricing: { price: 98.25, delayDays: 24, dated: "2024-03-01", settlement: "2024-03-21" } });
    expect(res.statusCode, res.body).toBe(200);
    const dates = { accrualStart: "2024-03-01" as CivilDate, settlement: "2024-03-21" as CivilDate };
    expect(json(res.body).analytics).toEqual(wire(pricePool(poolCashFlow(DEFAULTS_SPEC), { price: 98.25 }, { delayDays: 24, dates })));
    expect(json(res.body).analytics).toMatchObject({ settlementDate: "2024-03-21", accrualStartDate: "2024-03-01", accruedDays: 20 });
    // dated + settleDays: the settlement is dated + N days.
    const byDays = json((await post({ ...DEFAULTS_BODY, pricing: { price: 98.25, delayDays: 24, dated: "2024-03-01", settleDays: 20 } })).body);
    expect(byDays.analytics).toEqual(json(res.body).analytics);
  });

  it("at par with no delay the mortgage yield is the net rate (STANDARDS §5)", async () => {
    // Without losses: with defaults at no severity every defaulted dollar comes back (advanced until then).
    for (const body of [
      { balance: 1_000_000, wac: 7.5, net: 7, term: 360, prepayment: { unit: "psa", values: [150] }, pricing: { price: 100 } },
      { ...DEFAULTS_BODY, severity: 0, pricing: { price: 100, delayDays: 0 } },
    ]) {
      const res = await post(body);
      expect(res.statusCode, res.body).toBe(200);
      expect(json(res.body).analytics.mortgageYield).toBeCloseTo(body.net, 8);
    }
  });

  it("takes the CLI's defaults: net = WAC, age 0, 0 CPR, 0 CDR, no severity, no lag, advancing", async () => {
    const res = await post({ balance: 250_000, wac: 6, term: 180 });
    expect(res.statusCode, res.body).toBe(200);
    const direct = poolCashFlow({ ...DEFAULTS_SPEC, balance: 250_000, wac: 6, net: 6, term: 180, prepayment: { unit: "cpr", values: [0] }, default: { unit: "cdr", values: [0] }, severity: [0], lag: 0 });
    expect(json(res.body)).toEqual(wire({ ...JSON.parse(renderPool(direct, "json")) }));
    // A vector speed and severity, no advancing.
    const vec = await post({ ...DEFAULTS_BODY, prepayment: { unit: "cpr", values: [6, 8, 10] }, severity: [20, 30], advancing: false });
    expect(json(vec.body).rows).toEqual(
      wire(poolCashFlow({ ...DEFAULTS_SPEC, prepayment: { unit: "cpr", values: [6, 8, 10] }, severity: [20, 30], advancing: false }).rows),
    );
  });

  it("runs as a compute task like the other runs", () => {
    expect(wire(runComputeTask({ kind: "pool", spec: DEFAULTS_SPEC }))).toEqual(JSON.parse(renderPool(poolCashFlow(DEFAULTS_SPEC), "json")));
  });
});

describe("bad bodies get a 4xx naming the field", () => {
  it("refuses malformed terms with 400", async () => {
    let err = expectApiError(await post({ ...DEFAULTS_BODY, pricing: { price: 99, yield: 7 } }), 400, /pricing: give either price or yield/);
    expect(err.code).toBe("invalid_request");
    err = expectApiError(await post({ wac: 8, term: 360 }), 400, /balance/);
    expect(err.details[0]).toMatchObject({ in: "body", path: "balance" });
    err = expectApiError(await post({ ...DEFAULTS_BODY, term: -360 }), 400, /term/);
    expect(err.details[0].path).toBe("term");
    err = expectApiError(await post({ ...DEFAULTS_BODY, pricing: { price: 99, settleDays: 30 } }), 400, /pricing\.settleDays/);
    expect(err.details[0].path).toBe("pricing.settleDays");
    expectApiError(await post({ ...DEFAULTS_BODY, prepayment: { unit: "ppc", values: [100] } }), 400, /prepayment\.unit/);
    expectApiError(await post({ ...DEFAULTS_BODY, severity: [20, 120] }), 400, /severity/);
    expectApiError(await post({ ...DEFAULTS_BODY, pricing: { price: 99, dated: "2024-03-15" } }), 400, /pricing\.dated: the first day of a month/);
    expectApiError(await post({ ...DEFAULTS_BODY, speed: 100 }), 400, /speed/);
  });

  it("passes on the engine's refusals as 422 naming the field", async () => {
    let err = expectApiError(await post({ ...DEFAULTS_BODY, net: 9 }), 422, /^net: the net rate 9 is above the WAC 8/);
    expect(err).toMatchObject({ code: "unprocessable", details: [{ in: "body", path: "net" }] });
    expectApiError(await post({ ...DEFAULTS_BODY, age: 360 }), 422, /^age: /);
    err = expectApiError(
      await post({ ...DEFAULTS_BODY, pricing: { price: 99, dated: "2024-03-01", settlement: "2024-04-02" } }),
      422,
      /^pricing\.settlement: 2024-04-02 is not in the first accrual month/,
    );
    expect(err.details[0].path).toBe("pricing.settlement");
    expectApiError(await post({ ...DEFAULTS_BODY, pricing: { price: 99, settlement: "2024-03-10" } }), 422, /^pricing\.settlement: needs pricing\.dated/);
    expectApiError(await post({ ...DEFAULTS_BODY, pricing: { price: 99, dated: "2023-02-01", settleDays: 28 } }), 422, /^pricing\.settleDays: 28 days after 2023-02-01 is past the month's end/);
    err = expectApiError(await post({ ...DEFAULTS_BODY, pricing: { price: 0.001 } }), 422, /^pricing\.price: no bond-equivalent yield gives a full price/);
    expect(err.details[0].path).toBe("pricing.price");
    expectApiError(await post({ ...DEFAULTS_BODY, pricing: { yield: -250 } }), 422, /^pricing\.yield: /);
    err = expectApiError(await post({ ...DEFAULTS_BODY, default: { unit: "cdr", values: [2, 150] } }), 422, /^default\.values\[1\]: 150 is outside 0\.\.100/);
    expect(err.details[0]).toEqual({ in: "body", path: "default.values[1]", message: "150 is outside 0..100" });
  });
});

describe("the settlement rules are the CLI's", () => {
  it("poolPricingTerms reads a settlement as `tranche pool` reads its flags", () => {
    const cases: { delayDays?: number; settleDays?: number; dated?: string; settlement?: string }[] = [
      {},
      { delayDays: 19, settleDays: 15 },
      { delayDays: 14, dated: "2024-03-01" },
      { delayDays: 24, dated: "2024-03-01", settlement: "2024-03-21" },
      { dated: "2024-02-01", settleDays: 28 },
      { dated: "2023-02-01", settleDays: 28 },
      { dated: "2024-03-01", settlement: "2024-04-01" },
      { dated: "2024-03-01", settlement: "2024-02-29" },
      { dated: "2024-03-02" },
      { settlement: "2024-03-10" },
      { dated: "2024-03-01", settlement: "2024-03-10", settleDays: 9 },
    ];
    const names = { settleDays: "--settle-days", dated: "--dated", settlement: "--settle" };
    const outcome = (f: () => unknown) => {
      try {
        return { ok: f() };
      } catch {
        return { refused: true };
      }
    };
    for (const c of cases) {
      const flags = {
        yield: "7",
        ...(c.delayDays !== undefined ? { delay: String(c.delayDays) } : {}),
        ...(c.settleDays !== undefined ? { settleDays: String(c.settleDays) } : {}),
        ...(c.dated !== undefined ? { dated: c.dated } : {}),
        ...(c.settlement !== undefined ? { settle: c.settlement } : {}),
      };
      const cli = outcome(() => poolPricingFromFlags(flags)?.terms);
      expect(outcome(() => poolPricingTerms(c, names)), JSON.stringify(c)).toEqual(cli);
    }
  });
});

describe("OpenAPI", () => {
  it("lists POST /api/pool with its request and response schemas", async () => {
    const doc = json((await app.inject({ method: "GET", url: "/openapi.json" })).body);
    const op = doc.paths["/api/pool"].post;
    expect(op).toMatchObject({ operationId: "poolCashFlow", tags: ["runs"] });
    expect(op.requestBody.content["application/json"].schema).toEqual({ $ref: "#/components/schemas/PoolRequest" });
    expect(op.responses["200"].content["application/json"].schema).toEqual({ $ref: "#/components/schemas/PoolCashFlow" });
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(["200", "400", "422"]));
    const request = doc.components.schemas.PoolRequest;
    expect(request.required).toEqual(["balance", "wac", "term"]);
    for (const field of ["balance", "wac", "net", "term", "age", "prepayment", "default", "severity", "lag", "advancing", "pricing"]) {
      expect(request.properties[field], field).toBeDefined();
      expect(JSON.stringify(request.properties[field]), field).toMatch(/"description"/);
    }
    expect(Object.keys(request.properties.pricing.properties)).toEqual(["price", "yield", "delayDays", "settleDays", "dated", "settlement"]);
    const result = doc.components.schemas.PoolCashFlow;
    expect(result.properties.analytics).toBeDefined();
    expect(Object.keys(result.properties.rows.items.properties)).toHaveLength(14);
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
    for (const r of refs) expect(doc.components.schemas, r).toHaveProperty(r);
  });
});
