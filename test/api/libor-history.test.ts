/**
 * `LIBOR history` through the HTTP API (what the workbench's scenario field
 * sends): the projection runs on the published fixings read from data/libor/,
 * equal to project() on the same path; errors point at the clause.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer, type TrancheServer } from "../../src/api/server.js";
import { baseScenario } from "../../src/api/context.js";
import { loadDeal } from "../../src/deal/load-deal.js";
import { parseDailySeries } from "../../src/engine/libor-fixings.js";
import { historyIndexPath } from "../../src/engine/libor-history.js";
import { project } from "../../src/engine/project.js";
import { parseScenarioText } from "../../src/engine/scenario-text.js";

const json = (body: string) => JSON.parse(body) as any;
let app: TrancheServer;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "tranche-api-libor-"));
  app = await buildServer({ token: "t", webRoot: null, workers: 1, store: join(dir, "store.db") });
});
afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

const series = (file: string) => parseDailySeries(readFileSync(`data/libor/${file}`, "utf8"), file);

describe("LIBOR history in the API's scenario", () => {
  it("a projection of 2007-12T1 on `LIBOR history` is project() on the published fixings", async () => {
    const res = await app.inject({ method: "POST", url: "/api/deals/cwalt-2007-12t1/projection", payload: { scenario: "100 PPC, LIBOR history,4" } });
    expect(res.statusCode, res.body).toBe(200);
    const body = json(res.body);
    const { deal } = loadDeal("cwalt-2007-12t1");
    const s1m = series("USD1MTD156N-daily.csv");
    const scenario = parseScenarioText("100 PPC, LIBOR history,4", { base: baseScenario(deal), history: (i, a) => historyIndexPath(deal, i, s1m, a) });
    expect(body.scenario).toEqual(scenario);
    const { reports: _r, ...plain } = project(deal, scenario);
    expect(body.classes["A-1"].flows).toEqual(JSON.parse(JSON.stringify(plain.classes["A-1"].flows)));
    expect(body.corridor).toEqual(JSON.parse(JSON.stringify(plain.corridor)));
    // The first accrual (from the 2007-04-30 Closing Date) fixes on 2007-04-26; the path ends in the given 4.
    const raw = readFileSync("data/libor/USD1MTD156N-daily.csv", "utf8");
    expect(body.scenario.indices.LIBOR_1M.values[0]).toBe(Number(/\n2007-04-26,([\d.]+)/.exec(raw)![1]));
    expect(body.scenario.indices.LIBOR_1M.values.at(-1)).toBe(4);
  });

  it("2006-HY12's `LIBOR history` is One-Year LIBOR read 45 days before each Change Date", async () => {
    const res = await app.inject({ method: "POST", url: "/api/deals/cwalt-2006-hy12/projection", payload: { scenario: "25 CPR, LIBOR history" } });
    expect(res.statusCode, res.body).toBe(200);
    const values = json(res.body).scenario.indices.LIBOR_1Y.values as number[];
    const raw = readFileSync("data/libor/USD12MD156N-daily.csv", "utf8");
    // Period 59 accrues April 2011 (Change Date 2011-04-01, lookback 2011-02-15).
    expect(values[58]).toBe(Number(/\n2011-02-15,([\d.]+)/.exec(raw)![1]));
  });

  it("GET /api/scenario/parse reads history for a deal and refuses it without one, at the clause", async () => {
    const ok = await app.inject({ method: "GET", url: `/api/scenario/parse?text=${encodeURIComponent("LIBOR history, 2 CDR")}&deal=cwalt-2007-12t1` });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(json(ok.body).scenario.indices.LIBOR_1M.values.length).toBe(480);
    const text = "2 CDR, LIBOR history";
    const bad = await app.inject({ method: "GET", url: `/api/scenario/parse?text=${encodeURIComponent(text)}` });
    expect(bad.statusCode).toBe(400);
    const error = json(bad.body).error;
    expect(error.code).toBe("invalid_scenario");
    expect(error.message).toMatch(/LIBOR history needs the published fixings and the deal/);
    expect(text.slice(error.details.column, error.details.column + error.details.length)).toBe("LIBOR history");
  });

  it("an index with no published series, or one the deal does not read, is a 400 naming it", async () => {
    const sofr = await app.inject({ method: "POST", url: "/api/deals/cwalt-2007-12t1/projection", payload: { scenario: "100 PPC, SOFR_30D history" } });
    expect(sofr.statusCode).toBe(400);
    expect(json(sofr.body).error.message).toMatch(/SOFR_30D history: no published fixings for SOFR_30D/);
    const notRead = await app.inject({ method: "POST", url: "/api/deals/cwalt-2007-12t1/projection", payload: { scenario: "100 PPC, LIBOR_1Y history" } });
    expect(notRead.statusCode).toBe(400);
    expect(json(notRead.body).error.message).toMatch(/LIBOR_1Y is not read by this deal/);
  });
});
