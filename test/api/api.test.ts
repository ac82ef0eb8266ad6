/**
 * The HTTP API through fastify's `inject`: deals, validation, projections and
 * tables against direct engine calls, bad input, auth, limits, the worker pool
 * under load, and the OpenAPI document.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer, type TrancheServer } from "../../src/api/server.js";
import { trustLoansOf } from "../../src/admin/loans/trust-loans.js";
import { remittanceToJson } from "../../src/admin/remittance/write.js";
import { simulateServicing } from "../../src/admin/servicing/simulate.js";
import { DEFAULT_SCENARIO } from "../../src/core/scenario.js";
import { dealsDirectory, loadDeal } from "../../src/deal/load-deal.js";
import { project } from "../../src/engine/project.js";
import { parseScenarioText } from "../../src/engine/scenario-text.js";
import { decrementTable } from "../../src/engine/tables/decrement-table.js";

const TOKEN = "test-token-3f9a";
const D12 = "cwalt-2007-12t1";
const HY12 = "cwalt-2006-hy12";
const json = (body: string) => JSON.parse(body) as any;

let app: TrancheServer;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "tranche-api-"));
  app = await buildServer({ token: TOKEN, webRoot: null, workers: 2, store: join(dir, "store.db") });
});

afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The direct engine result, as the API would serialize it. */
function direct(text: string, base = DEFAULT_SCENARIO) {
  const { deal } = loadDeal(D12);
  const scenario = parseScenarioText(text, { base });
  const { reports: _r, ...plain } = project(deal, scenario);
  return JSON.parse(JSON.stringify(plain));
}

function expectError(res: { statusCode: number; body: string }, status: number, code: string, message?: RegExp) {
  expect(res.statusCode, res.body).toBe(status);
  const body = json(res.body);
  expect(body.error.status).toBe(status);
  expect(body.error.code).toBe(code);
  if (message) expect(body.error.message).toMatch(message);
  expect(res.body).not.toMatch(/\n\s+at .*\.(ts|js):\d+/); // never a stack trace
  return body.error;
}

describe("deals", () => {
  it("lists the deals with their amendments and pricing scenario", async () => {
    const res = await app.inject({ method: "GET", url: "/api/deals" });
    expect(res.statusCode).toBe(200);
    const { deals } = json(res.body);
    expect(deals.map((d: { id: string }) => d.id)).toEqual([HY12, D12, "cwalt-2007-xpz"]);
    const hy = deals[0];
    expect(hy.amendments.map((a: { id: string }) => a.id)).toEqual(["amendment-1"]);
    expect(hy.pricingScenario).toBe("25 CPR");
    expect(deals[1]).toMatchObject({ offeredAmount: 855728140, classCount: 14, pricingScenario: "100 PPC" });
  });

  it("serves a deal's structure, credit support and provenance", async () => {
    const res = await app.inject({ method: "GET", url: `/api/deals/${D12}` });
    expect(res.statusCode).toBe(200);
    const body = json(res.body);
    expect(body.deal.classes).toHaveLength(14);
    expect(body.deal.rules.every((r: { section: string }) => r.section.startsWith("§"))).toBe(true);
    const offered = body.provenance.find((p: { path: string }) => p.path === "offeredAmount");
    expect(offered).toMatchObject({ kind: "filed" });
    // Original Applicable Credit Support of M: B-1..B-5 over the non-PO pool (863,395,200).
    const m = body.creditSupport.find((r: { class: string }) => r.class === "M");
    expect(m.creditSupport).toBeCloseTo((100 * (6912000 + 4320000 + 3456000 + 2592000 + 2223860)) / 863395200, 10);
    expect(body.creditSupport.find((r: { class: string }) => r.class === "B-5").creditSupport).toBe(0);
  });

  it("answers 404 naming the deals there are", async () => {
    const res = await app.inject({ method: "GET", url: "/api/deals/no-such-deal" });
    expectError(res, 404, "deal_not_found", /no deal "no-such-deal"; deals: cwalt-2006-hy12, cwalt-2007-12t1, cwalt-2007-xpz/);
    const traversal = await app.inject({ method: "GET", url: "/api/deals/..%2F..%2Fpackage" });
    expect(traversal.statusCode).toBe(404);
  });
});

describe("validating an uploaded deal", () => {
  const text = readFileSync(join(dealsDirectory(), `${D12}.yaml`), "utf8");

  it("accepts a valid deal file", async () => {
    const res = await app.inject({ method: "POST", url: "/api/deals/validate", headers: { "content-type": "application/yaml" }, payload: text });
    expect(res.statusCode).toBe(200);
    expect(json(res.body)).toMatchObject({ valid: true, errors: [], summary: { id: D12 } });
  });

  it("locates each problem by line, column and field", async () => {
    const lines = text.split("\n");
    const at = lines.findIndex((l) => l.includes("id: A-3,"));
    const broken = text.replace("initialBalance: 470000000.00", "initialBalance: -470000000.00");
    const res = await app.inject({ method: "POST", url: "/api/deals/validate?fileName=mine.yaml", headers: { "content-type": "application/yaml" }, payload: broken });
    expect(res.statusCode).toBe(422);
    const body = json(res.body);
    expect(body.valid).toBe(false);
    const problem = body.errors.find((e: { path: string }) => e.path === "classes[A-3].initialBalance");
    expect(problem).toMatchObject({ file: "mine.yaml", line: at + 1 });
    expect(problem.column).toBeGreaterThan(1);
  });

  it("rejects text that is not YAML, and bodies that are not a deal file", async () => {
    const res = await app.inject({ method: "POST", url: "/api/deals/validate", headers: { "content-type": "text/plain" }, payload: "a: [1, 2\nb: }" });
    expect(res.statusCode).toBe(422);
    expect(json(res.body).errors[0]).toMatchObject({ file: "upload.yaml" });
    expectError(await app.inject({ method: "POST", url: "/api/deals/validate", payload: { id: "x" } }), 415, "unsupported_media_type", /application\/yaml/);
  });
});

describe("projections", () => {
  it("returns exactly what project() returns for the same scenario text", async () => {
    const text = "100 PPC, 2 CDR, 40 sev, 12 lag";
    const res = await app.inject({ method: "POST", url: `/api/deals/${D12}/projection`, payload: { scenario: text } });
    expect(res.statusCode).toBe(200);
    expect(json(res.body)).toEqual(direct(text));
  });

  it("takes a Scenario object and the ledger on request", async () => {
    const scenario = { ...DEFAULT_SCENARIO, prepayment: { unit: "cpr", values: [6, 8, 10, 12] }, default: { unit: "cdr", values: [1] }, severity: [35], recoveryLag: 6, optionalTermination: true };
    const res = await app.inject({ method: "POST", url: `/api/deals/${D12}/projection`, payload: { scenario, ledger: true } });
    expect(res.statusCode).toBe(200);
    const body = json(res.body);
    expect(body.scenario).toEqual(scenario);
    expect(body.terminationPeriod).toBeGreaterThan(0);
    expect(body.ledger.length).toBeGreaterThan(100);
    expect(body.ledger[0]).toHaveProperty("rule");
  });

  it("runs 2006-HY12 as signed or as amended", async () => {
    const amended = json((await app.inject({ method: "POST", url: `/api/deals/${HY12}/projection`, payload: { scenario: "25 CPR, call" } })).body);
    const signed = json((await app.inject({ method: "POST", url: `/api/deals/${HY12}/projection`, payload: { scenario: "25 CPR, call", amendments: "signed" } })).body);
    expect(amended.deal.amendments).toEqual(["amendment-1"]);
    expect(signed.deal.amendments).toEqual([]);
  });

  it("compares the PSA as signed and as amended once the subordinates are gone", async () => {
    const res = await app.inject({ method: "POST", url: `/api/deals/${HY12}/amendment-diff`, payload: { scenario: "25 CPR, 15 CDR, 60 sev, 12 lag" } });
    expect(res.statusCode).toBe(200);
    const diff = json(res.body);
    expect(diff.amendments).toEqual(["amendment-1"]);
    expect(diff.amendmentDetails[0].changes[0]).toMatch(/§4\.02\(c\) deleted/);
    expect(diff.depletionPeriod.amended).not.toBeNull();
    const changed = diff.classes.filter((c: { firstDifferentPeriod: number | null }) => c.firstDifferentPeriod !== null);
    expect(changed.length).toBeGreaterThan(0);
    for (const c of changed) expect(c.firstDifferentPeriod).toBeGreaterThanOrEqual(diff.depletionPeriod.amended);
    // Principal moves between classes; it is not created.
    const net = diff.classes.reduce((s: number, c: { difference: { principal: number; writedown: number } }) => s + c.difference.principal + c.difference.writedown, 0);
    expect(Math.abs(net)).toBeLessThan(1);
  });

  it("builds the decrement table the engine builds", async () => {
    const res = await app.inject({ method: "POST", url: `/api/deals/${D12}/decrement-table`, payload: { speeds: [0, 100, 300], unit: "ppc", classes: ["A-3", "B-1"] } });
    expect(res.statusCode).toBe(200);
    const { deal } = loadDeal(D12);
    const expected = decrementTable({ deal, baseScenario: DEFAULT_SCENARIO, speeds: [0, 100, 300], unit: "ppc", classes: ["A-3", "B-1"] });
    expect(json(res.body)).toEqual(JSON.parse(JSON.stringify(expected)));
  });

  it("finds a breakeven CDR and prices a yield table", async () => {
    const be = await app.inject({ method: "POST", url: `/api/deals/${D12}/breakeven`, payload: { class: "B-3", scenario: "100 PPC, 40 sev, 12 lag", maxCdr: 20 } });
    expect(be.statusCode).toBe(200);
    const b = json(be.body);
    expect(b.breakevenCdr).toBeGreaterThan(0);
    expect(b.highestCdrWithoutLoss).toBeCloseTo(b.breakevenCdr - 0.01, 10);
    const yt = await app.inject({ method: "POST", url: `/api/deals/${D12}/yield-table`, payload: { class: "A-3", prices: [99, 100, 101], speeds: [100, 200] } });
    expect(yt.statusCode).toBe(200);
    const y = json(yt.body);
    expect(y.rows).toHaveLength(3);
    expect(y.rows[0].cells[0].yield).toBeGreaterThan(y.rows[2].cells[0].yield); // higher price, lower yield
  });

  it("the yield table takes a benchmark (spread at the WAL) and effectiveBp (effective duration and convexity)", async () => {
    const res = await app.inject({
      method: "POST",
      url: `/api/deals/${D12}/yield-table`,
      payload: { class: "A-1", prices: [100], speeds: [100], benchmark: 4.5, effectiveBp: 25 },
    });
    expect(res.statusCode, res.body).toBe(200);
    const cell = json(res.body).rows[0].cells[0];
    expect(cell.spread.benchmarkYield).toBe(4.5);
    expect(cell.spread.spreadBp).toBe((cell.yield - 4.5) * 100);
    expect(cell.effectiveShiftBp).toBe(25);
    expect(Math.abs(cell.effectiveDuration)).toBeLessThan(0.1 * cell.modifiedDuration); // the LIBOR floater
    const curve = await app.inject({
      method: "POST",
      url: `/api/deals/${D12}/yield-table`,
      payload: { class: "A-3", prices: [100], speeds: [100], curve: [{ term: 2, yield: 4.8 }, { term: 5, yield: 4.7 }] },
    });
    const c = json(curve.body).rows[0].cells[0];
    expect(c.spread.benchmarkYield).toBeCloseTo(4.8 - (0.1 * (c.averageLife - 2)) / 3, 12);
    expectError(
      await app.inject({ method: "POST", url: `/api/deals/${D12}/yield-table`, payload: { class: "A-3", prices: [100], benchmark: 4.5, curve: [{ term: 2, yield: 4.8 }] } }),
      400,
      "invalid_request",
      /curve or benchmark, not both/,
    );
  });
});

describe("bad input gets a 4xx that says what to fix", () => {
  it("locates a scenario syntax error", async () => {
    const err = expectError(
      await app.inject({ method: "POST", url: `/api/deals/${D12}/projection`, payload: { scenario: "100 PPC, foo" } }),
      400,
      "invalid_scenario",
      /scenario: unknown word "foo"/,
    );
    expect(err.details).toMatchObject({ column: 9, length: 3 });
  });

  it("names unknown fields, wrong types and bad enums", async () => {
    expectError(await app.inject({ method: "POST", url: `/api/deals/${D12}/projection`, payload: { scenarios: "100 PPC" } }), 400, "invalid_request", /scenarios/);
    const err = expectError(
      await app.inject({ method: "POST", url: `/api/deals/${D12}/projection`, payload: { scenario: { ...DEFAULT_SCENARIO, recoveryLag: "twelve" } } }),
      400,
      "invalid_request",
    );
    expect(JSON.stringify(err.details)).toMatch(/recoveryLag/);
    expectError(await app.inject({ method: "POST", url: `/api/deals/${D12}/projection`, payload: { amendments: "latest" } }), 400, "invalid_request", /amendments/);
    expectError(await app.inject({ method: "POST", url: `/api/deals/${D12}/yield-table`, payload: { class: "A-3" } }), 400, "invalid_request", /either prices or yields/);
  });

  it("refuses malformed JSON and an empty body", async () => {
    expectError(
      await app.inject({ method: "POST", url: `/api/deals/${D12}/projection`, headers: { "content-type": "application/json" }, payload: '{"scenario": "100 PPC",' }),
      400,
      "malformed_body",
    );
    expectError(await app.inject({ method: "POST", url: `/api/deals/${D12}/projection`, headers: { "content-type": "application/json" }, payload: "" }), 400, "empty_body");
  });

  it("passes on the engine's refusals as 422", async () => {
    // (A PPC scenario text on 2006-HY12 is refused before the run, 400 with its column: test/api/workbench.test.ts.)
    expectError(await app.inject({ method: "POST", url: `/api/deals/${HY12}/decrement-table`, payload: { unit: "ppc", speeds: [100] } }), 422, "unprocessable", /prepaymentAssumption/);
    expectError(await app.inject({ method: "POST", url: `/api/deals/${D12}/breakeven`, payload: { class: "Z-9" } }), 422, "unprocessable", /no class "Z-9"/);
  });

  it("answers unknown routes with JSON", async () => {
    expectError(await app.inject({ method: "GET", url: "/api/nope" }), 404, "not_found", /\/docs/);
  });
});

describe("limits", () => {
  it("refuses a body over the limit with 413", async () => {
    const small = await buildServer({ token: TOKEN, webRoot: null, workers: 1, bodyLimit: 2048 });
    try {
      const res = await small.inject({ method: "POST", url: `/api/deals/${D12}/projection`, payload: { scenario: `100 PPC${" ".repeat(5000)}` } });
      expectError(res, 413, "body_too_large", /2048 byte limit/);
    } finally {
      await small.close();
    }
  });

  it("stops a run past the time limit with 504, and refuses work past the queue with 503", async () => {
    const slow = await buildServer({ token: TOKEN, webRoot: null, workers: 1, runTimeoutMs: 1, maxQueue: 0 });
    try {
      const [a, b] = await Promise.all([
        slow.inject({ method: "POST", url: `/api/deals/${D12}/projection`, payload: { scenario: "100 PPC" } }),
        slow.inject({ method: "POST", url: `/api/deals/${D12}/projection`, payload: { scenario: "150 PPC" } }),
      ]);
      expectError(a, 504, "run_timeout", /longer than the 1 ms limit/);
      const busy = expectError(b, 503, "busy", /busy/);
      expect(busy).toBeDefined();
      expect(b.headers["retry-after"]).toBe("2");
    } finally {
      await slow.close();
    }
  });
});

describe("concurrency", () => {
  it("answers 50 simultaneous projections, each with its own scenario's result", async () => {
    const texts = Array.from({ length: 50 }, (_, i) => `${150 + 10 * i} PPC, ${(i % 5) * 0.5} CDR, ${30 + (i % 4) * 5} sev, ${i % 12} lag, call`);
    const responses = await Promise.all(
      texts.map((scenario) => app.inject({ method: "POST", url: `/api/deals/${D12}/projection`, payload: { scenario } })),
    );
    const { deal } = loadDeal(D12);
    responses.forEach((res, i) => {
      expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
      const { reports: _r, ...expected } = project(deal, parseScenarioText(texts[i]));
      expect(json(res.body)).toEqual(JSON.parse(JSON.stringify(expected)));
    });
    const health = json((await app.inject({ method: "GET", url: "/api/health" })).body);
    expect(health.pool).toMatchObject({ size: 2, busy: 0, queued: 0 });
  });
});

describe("administration", () => {
  const { deal } = loadDeal(D12);
  const [may, june] = simulateServicing(deal, trustLoansOf(deal), { months: 2, seed: 7 });
  const files = [{ name: "2007-05.json", text: remittanceToJson(may) }];
  const post = (headers: Record<string, string>, payload: object = { files }) =>
    app.inject({ method: "POST", url: `/api/deals/${D12}/remittances`, headers, payload });

  it("refuses writes without the bearer token (401) or with a wrong one", async () => {
    const missing = await post({});
    expectError(missing, 401, "unauthorized", /Authorization: Bearer/);
    expect(missing.headers["www-authenticate"]).toMatch(/^Bearer/);
    expectError(await post({ authorization: "Bearer nope" }), 401, "unauthorized", /wrong/);
    expectError(await post({ authorization: `Basic ${TOKEN}` }), 401, "unauthorized", /Bearer <token>/);
  });

  it("refuses every write when the server has no token (403)", async () => {
    const readOnly = await buildServer({ token: "", webRoot: null, workers: 1, store: join(dir, "read-only.db") });
    try {
      expectError(
        await readOnly.inject({ method: "POST", url: `/api/deals/${D12}/remittances`, headers: { authorization: `Bearer ${TOKEN}` }, payload: { files } }),
        403,
        "writes_disabled",
        /TRANCHE_API_TOKEN/,
      );
      expect((await readOnly.inject({ method: "GET", url: `/api/deals/${D12}/statements` })).statusCode).toBe(200);
    } finally {
      await readOnly.close();
    }
  });

  it("posts a remittance, then serves its statement, ledger and history", async () => {
    const res = await post({ authorization: `Bearer ${TOKEN}` });
    expect(res.statusCode, res.body).toBe(201);
    const posted = json(res.body).posted;
    expect(posted).toEqual([expect.objectContaining({ distributionDate: "2007-05-25", revision: 1, origin: "remittance" })]);

    const index = json((await app.inject({ method: "GET", url: `/api/deals/${D12}/statements` })).body);
    expect(index.statements).toEqual([expect.objectContaining({ distributionDate: "2007-05-25", period: 1, revision: 1 })]);

    const statement = json((await app.inject({ method: "GET", url: `/api/deals/${D12}/statements/2007-05-25` })).body);
    expect(statement).toMatchObject({ format: "tranche-statement/1", distributionDate: "2007-05-25", period: 1 });
    expect(statement.totalSources).toBe(statement.totalUses);

    const ledger = json((await app.inject({ method: "GET", url: `/api/deals/${D12}/ledger/2007-05-25` })).body);
    expect(ledger.entries.length).toBeGreaterThan(10);
    expect(ledger.entries.every((e: { amount: number }) => Number.isInteger(e.amount))).toBe(true);

    const history = json((await app.inject({ method: "GET", url: `/api/deals/${D12}/history` })).body);
    expect(history.postings).toHaveLength(1);

    expectError(await app.inject({ method: "GET", url: `/api/deals/${D12}/statements/2007-06-25` }), 404, "statement_not_found");
    expectError(await app.inject({ method: "GET", url: `/api/deals/${D12}/statements/June` }), 400, "invalid_request", /YYYY-MM-DD/);
  });

  it("rejects a duplicate or out-of-order remittance with located problems, posting nothing", async () => {
    const dup = expectError(await post({ authorization: `Bearer ${TOKEN}` }), 422, "remittance_rejected", /nothing was posted/);
    expect(dup.details.problems[0].message).toMatch(/already posted/);
    const skipped = { ...june, header: { ...june.header, distributionDate: "2007-07-25" } };
    const out = await post({ authorization: `Bearer ${TOKEN}` }, { files: [{ name: "2007-07.json", text: remittanceToJson(skipped as typeof june) }] });
    const err = expectError(out, 422, "remittance_rejected");
    expect(err.details.problems[0]).toMatchObject({ path: "header.distributionDate" });
    expect(err.details.problems[0].line).toBeGreaterThan(0);
    const history = json((await app.inject({ method: "GET", url: `/api/deals/${D12}/history` })).body);
    expect(history.postings).toHaveLength(1);
  });
});

describe("OpenAPI and docs", () => {
  it("documents every route with schemas whose references resolve", async () => {
    const doc = json((await app.inject({ method: "GET", url: "/openapi.json" })).body);
    expect(doc.openapi).toBe("3.1.0");
    const ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods as object).map((m) => `${m.toUpperCase()} ${path}`));
    for (const op of [
      "GET /api/deals",
      "GET /api/deals/{dealId}",
      "POST /api/deals/validate",
      "POST /api/deals/{dealId}/projection",
      "POST /api/deals/{dealId}/decrement-table",
      "POST /api/deals/{dealId}/yield-table",
      "POST /api/deals/{dealId}/breakeven",
      "POST /api/deals/{dealId}/amendment-diff",
      "POST /api/deals/{dealId}/remittances",
      "GET /api/deals/{dealId}/statements",
      "GET /api/deals/{dealId}/statements/{date}",
      "GET /api/deals/{dealId}/ledger/{date}",
      "GET /api/deals/{dealId}/history",
    ]) {
      expect(ops).toContain(op);
    }
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(10);
    for (const r of refs) expect(doc.components.schemas, r).toHaveProperty(r);
    expect(doc.paths["/api/deals/{dealId}/remittances"].post.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.paths["/api/deals/{dealId}/projection"].post.requestBody.content["application/json"].schema).toEqual({ $ref: "#/components/schemas/ProjectionRequest" });
    expect(doc.components.schemas.Deal.properties.classes).toBeDefined();
  });

  it("serves a self-contained docs page", async () => {
    const res = await app.inject({ method: "GET", url: "/docs" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/text\/html/);
    expect(res.body).toContain("/openapi.json");
    expect(res.body).not.toMatch(/<(script|link)[^>]+(src|href)="https?:/);
  });
});
