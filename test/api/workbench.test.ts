/**
 * What the workbench asks of the API (issue 17): each deal's accepted prepayment
 * units and Prepayment Assumption in the list, PPC refused with its column for a
 * deal without one.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer, type TrancheServer } from "../../src/api/server.js";
import { loadDeal } from "../../src/deal/load-deal.js";
import { json } from "../support/api.js";

const TOKEN = "workbench-api-token";
const D12 = "cwalt-2007-12t1";
const HY12 = "cwalt-2006-hy12";

let app: TrancheServer;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "tranche-workbench-api-"));
  app = await buildServer({ token: TOKEN, webRoot: null, workers: 1, store: join(dir, "store.db") });
});

afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the units a deal's scenarios take", () => {
  it("lists PPC only for a deal that defines its Prepayment Assumption, with the ramp and the deal's LIBOR", async () => {
    const { deals } = json((await app.inject({ method: "GET", url: "/api/deals" })).body);
    for (const d of deals) {
      const { deal } = loadDeal(d.id);
      const ramp = deal.collateral.prepaymentAssumption;
      expect(d.prepaymentUnits.includes("ppc"), d.id).toBe(ramp !== undefined);
      expect(d.prepaymentUnits.filter((u: string) => u !== "ppc")).toEqual(["cpr", "psa", "smm"]);
      expect(d.prepaymentAssumption).toEqual(ramp ?? null);
      expect(Object.keys(deal.collateral.defaultIndices)).toContain(d.liborIndex);
    }
    const hy = deals.find((d: { id: string }) => d.id === HY12);
    expect(hy.prepaymentUnits).toEqual(["cpr", "psa", "smm"]);
    expect(hy.liborIndex).toBe("LIBOR_1Y");
  });

  it("refuses PPC on a deal without a Prepayment Assumption, pointing at the unit", async () => {
    const text = "100 PPC, 2 CDR, 40 sev, 12 lag";
    const res = await app.inject({ method: "POST", url: `/api/deals/${HY12}/projection`, payload: { scenario: text } });
    expect(res.statusCode, res.body).toBe(400);
    const { error } = json(res.body);
    expect(error.code).toBe("invalid_scenario");
    expect(error.message).toMatch(/PPC .*cwalt-2006-hy12 does not define; write the speed in CPR, PSA or SMM \(its pricing speed is 25 CPR\)/);
    expect(error.details.column).toBe(text.indexOf("PPC"));
    expect(error.details.length).toBe(3);
    // The same stress in the deal's own unit runs.
    const ok = await app.inject({ method: "POST", url: `/api/deals/${HY12}/projection`, payload: { scenario: "25 CPR, 2 CDR, 40 sev, 12 lag" } });
    expect(ok.statusCode, ok.body.slice(0, 300)).toBe(200);
    // And PPC on a deal that has one.
    const d12 = await app.inject({ method: "POST", url: `/api/deals/${D12}/projection`, payload: { scenario: text } });
    expect(d12.statusCode).toBe(200);
  });
});
