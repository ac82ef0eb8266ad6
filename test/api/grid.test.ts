import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer, type TrancheServer } from "../../src/api/server.js";
import { loadDeal } from "../../src/deal/load-deal.js";
import { project } from "../../src/engine/project.js";
import { DEFAULT_SCENARIO } from "../../src/core/scenario.js";
import { json } from "../support/api.js";

let app: TrancheServer;
beforeAll(async () => {
  app = await buildServer({ webRoot: null, workers: 1, token: "secret" });
});
afterAll(async () => {
  await app.close();
});

const body = { deals: ["cwalt-2007-12t1"], prepayment: { unit: "cpr", values: [5, 20] }, default: { unit: "cdr", values: [0, 8] }, severity: [40], lag: [12], classes: ["A-4", "B-1"], prices: { "B-1": 90 } };

describe("POST /api/grid, GET /api/grid/{id}", () => {
  it("needs the bearer token", async () => {
    const res = await app.inject({ method: "POST", url: "/api/grid", payload: body });
    expect(res.statusCode).toBe(401);
  });

  it("answers a job id; the job's rows are the grid in order, each the deal projected at its scenario", async () => {
    const res = await app.inject({ method: "POST", url: "/api/grid", payload: body, headers: { authorization: "Bearer secret" } });
    expect(res.statusCode, res.body).toBe(202);
    const { id, total } = json(res.body);
    expect(total).toBe(4);
    let job: any;
    for (let i = 0; i < 200; i++) {
      job = json((await app.inject({ method: "GET", url: `/api/grid/${id}` })).body);
      if (job.status !== "running") break;
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(job.status).toBe("done");
    expect(job.done).toBe(4);
    expect(job.rows.map((r: any) => [r.scenario, r.cpr, r.cdr, r.classId])).toEqual([
      [1, 5, 0, "A-4"], [1, 5, 0, "B-1"], [2, 5, 8, "A-4"], [2, 5, 8, "B-1"], [3, 20, 0, "A-4"], [3, 20, 0, "B-1"], [4, 20, 8, "A-4"], [4, 20, 8, "B-1"],
    ]);
    const { deal } = loadDeal("cwalt-2007-12t1");
    const stress = project(deal, { ...DEFAULT_SCENARIO, prepayment: { unit: "cpr", values: [20] }, default: { unit: "cdr", values: [8] }, severity: [40], recoveryLag: 12 });
    const wd = stress.classes["B-1"].flows.reduce((s, f) => s + f.writedown, 0);
    expect(job.rows[7].writedown).toBeCloseTo(wd, 6);
    expect(job.rows[7].lossPercent).toBeCloseTo((wd / stress.classes["B-1"].initialBalance) * 100, 9);
    expect(typeof job.rows[1].yield).toBe("number");
  });

  it("refuses an unknown class (422) and an unknown job (404)", async () => {
    const res = await app.inject({ method: "POST", url: "/api/grid", payload: { ...body, classes: ["Z-9"] }, headers: { authorization: "Bearer secret" } });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('has no class \\"Z-9');
    expect((await app.inject({ method: "GET", url: "/api/grid/nope" })).statusCode).toBe(404);
  });
});
