/**
 * The workbench's deal editor over HTTP: a tape's stratification from an upload,
 * an edited deal saved (token-protected) as versions in the store with the tape it
 * names, then run by the ordinary routes without a restart.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer, type TrancheServer } from "../../src/api/server.js";
import { expectApiError, json } from "../support/api.js";

const TOKEN = "editor-secret";
const DEAL = "examples/own-pool/own-pool-2024-1.yaml";
const TAPE = "examples/own-pool/tapes/servicer-tape.csv";
const MAP = "examples/own-pool/tapes/servicer-tape.map.yaml";
const b64 = (path: string) => readFileSync(path).toString("base64");
const auth = { authorization: `Bearer ${TOKEN}` };

let app: TrancheServer;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "deal-editor-"));
  app = await buildServer({ token: TOKEN, webRoot: null, workers: 1, store: join(dir, "store.db"), savedDealsDirectory: join(dir, "saved") });
});
afterAll(async () => {
  await app.close();
});

const saveBody = (yaml: string) => ({
  fileName: "own-pool-2024-1.yaml",
  yaml,
  tape: { fileName: "servicer-tape.csv", contentBase64: b64(TAPE) },
  map: { fileName: "servicer-tape.map.yaml", yaml: readFileSync(MAP, "utf8") },
});

describe("deal editor API", () => {
  it("POST /api/tapes/summary stratifies an upload, or lists its problems with row and column", async () => {
    const ok = await app.inject({ method: "POST", url: "/api/tapes/summary", payload: { fileName: "servicer-tape.csv", contentBase64: b64(TAPE), map: readFileSync(MAP, "utf8") } });
    expect(ok.statusCode, ok.body).toBe(200);
    const s = json(ok.body);
    expect(s.loans).toBe(30);
    expect(s.total.balance).toBeCloseTo(10228727.54, 6);
    const bad = await app.inject({ method: "POST", url: "/api/tapes/summary", payload: { fileName: "servicer-tape.csv", contentBase64: b64(TAPE) } });
    const error = expectApiError(bad, 422, /invalid loan tape servicer-tape\.csv \(3 problems\)/);
    expect(error.details[0]).toMatchObject({ row: 1, column: "", file: "servicer-tape.csv" });
  });

  it("saving needs the token; a broken deal is refused with its located problems and nothing is stored", async () => {
    const yaml = readFileSync(DEAL, "utf8");
    const anonymous = await app.inject({ method: "POST", url: "/api/deals/versions", payload: saveBody(yaml) });
    expect(anonymous.statusCode).toBe(401);
    const broken = await app.inject({ method: "POST", url: "/api/deals/versions", headers: auth, payload: saveBody(yaml.replace("initialBalance: 4400000.00", "initialBalance: 4400000.01")) });
    const error = expectApiError(broken, 422, /does not validate/);
    expect(error.details.some((p: { line: number; message: string }) => p.line > 0 && /class balances sum to/.test(p.message))).toBe(true);
    const versions = await app.inject({ method: "GET", url: "/api/deals/own-pool-2024-1/versions" });
    expect(json(versions.body).versions).toEqual([]);
  });

  it("saves versions 1 and 2 (never overwritten), serves the latest at once, and projects its tape loan by loan", async () => {
    const yaml = readFileSync(DEAL, "utf8");
    const first = await app.inject({ method: "POST", url: "/api/deals/versions", headers: auth, payload: saveBody(yaml) });
    expect(first.statusCode, first.body).toBe(201);
    expect(json(first.body).version).toBe(1);
    const listed = json((await app.inject({ method: "GET", url: "/api/deals" })).body).deals.map((d: { id: string }) => d.id);
    expect(listed).toContain("own-pool-2024-1");
    const run = await app.inject({ method: "POST", url: "/api/deals/own-pool-2024-1/projection", payload: { scenario: "0 CPR" } });
    expect(run.statusCode, run.body).toBe(200);
    const month1 = json(run.body).collateral[0];
    expect(month1.beginBalance).toBeCloseTo(10228727.54, 6);
    const second = await app.inject({ method: "POST", url: "/api/deals/versions", headers: auth, payload: saveBody(yaml.replace("pricingSpeed: {unit: cpr, value: 15}", "pricingSpeed: {unit: cpr, value: 20}")) });
    expect(json(second.body).version).toBe(2);
    const versions = json((await app.inject({ method: "GET", url: "/api/deals/own-pool-2024-1/versions" })).body).versions;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(versions[0].yaml).toBe(yaml);
    const deal = json((await app.inject({ method: "GET", url: "/api/deals/own-pool-2024-1" })).body);
    expect(deal.deal.collateral.pricingSpeed.value).toBe(20);
  });

  it("refuses a bundled deal's id and a tape that disagrees with the deal", async () => {
    const bundled = readFileSync("deals/cwalt-2007-12t1.yaml", "utf8");
    expectApiError(await app.inject({ method: "POST", url: "/api/deals/versions", headers: auth, payload: { yaml: bundled } }), 409, /bundled deal/);
    const yaml = readFileSync(DEAL, "utf8").replace("id: own-pool-2024-1", "id: own-pool-short");
    const lines = readFileSync(TAPE, "utf8").trim().split("\n");
    const body = { ...saveBody(yaml), tape: { fileName: "t.csv", contentBase64: Buffer.from(lines.slice(0, -1).join("\n")).toString("base64") } };
    const error = expectApiError(await app.inject({ method: "POST", url: "/api/deals/versions", headers: auth, payload: body }), 422, /invalid loan tape of own-pool-short/);
    expect(error.details[0].message).toMatch(/group 2: the tape's loans sum to \$4,615,637\.70/);
  });
});
