/**
 * The web workbench in a real browser: Debian's Chromium driven by
 * playwright-core against `tranche serve`'s server (API + the freshly built
 * app). Runs a 2007-12T1 scenario and checks the numbers on screen and in the
 * CSV/XLSX exports against `project()`, that every chart painted its canvas,
 * the error path, the amendment comparison and a posted statement.
 * Screenshots go to test-results/. Skips (saying so) only when no Chromium exists;
 * CI installs it (scripts/ci-browser.sh).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import ExcelJS from "exceljs";
import { buildServer, type TrancheServer } from "../../src/api/server.js";
import { trustLoansOf } from "../../src/admin/loans/trust-loans.js";
import { remittanceToJson } from "../../src/admin/remittance/write.js";
import { simulateServicing } from "../../src/admin/servicing/simulate.js";
import { loadDeal } from "../../src/deal/load-deal.js";
import { project } from "../../src/engine/project.js";
import { DEFAULT_SCENARIO } from "../../src/core/scenario.js";
import { parseScenarioText } from "../../src/engine/scenario-text.js";

const CHROMIUM = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => p && existsSync(p));
const ROOT = resolve(import.meta.dirname, "..", "..");
const SHOTS = join(ROOT, "test-results");
const TOKEN = "browser-test-token";
const D12 = "cwalt-2007-12t1";
const SCENARIO = "100 PPC, 2 CDR, 40 sev, 12 lag";

if (!CHROMIUM) {
  console.warn("test/browser: SKIPPED — no Chromium at /usr/bin/chromium (set CHROMIUM_PATH, or run scripts/ci-browser.sh to install it)");
}

const money = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

describe.skipIf(!CHROMIUM)("web workbench in Chromium", () => {
  let tmp: string;
  let app: TrancheServer;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), "tranche-browser-"));
    mkdirSync(SHOTS, { recursive: true });
    // Build the app from the current sources into a private directory; the
    // server's workers warm up meanwhile.
    const webRoot = join(tmp, "web");
    mkdirSync(webRoot);
    app = await buildServer({ token: TOKEN, webRoot, workers: 2, store: join(tmp, "store.db") });
    const { build } = await import("vite");
    await build({ configFile: join(ROOT, "web", "vite.config.ts"), logLevel: "warn", build: { outDir: webRoot, emptyOutDir: true } });
    // One posted month, so the statements tab has something to show.
    const { deal } = loadDeal(D12);
    const [may] = simulateServicing(deal, trustLoansOf(deal), { months: 1, seed: 11 });
    const posted = await app.inject({
      method: "POST",
      url: `/api/deals/${D12}/remittances`,
      headers: { authorization: `Bearer ${TOKEN}` },
      payload: { files: [{ name: "2007-05.json", text: remittanceToJson(may) }] },
    });
    expect(posted.statusCode, posted.body).toBe(201);
    await app.listen({ port: 0, host: "127.0.0.1" });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;

    context = await chromium.launchPersistentContext(join(tmp, "profile"), {
      executablePath: CHROMIUM,
      headless: true,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
      viewport: { width: 1440, height: 900 },
      acceptDownloads: true,
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on("pageerror", (e) => pageErrors.push(e.message));
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await app?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  const waitForRun = () => page.waitForSelector('[data-testid="run-status"][data-status="done"]', { timeout: 30_000 });

  /** Pixels on a chart's canvas that are neither transparent nor white. */
  async function paintedPixels(chartId: string): Promise<number> {
    const t0 = Date.now();
    try {
      return await paintedPixelsOf(chartId);
    } finally {
      if (process.env.DEBUG_BROWSER_TEST) console.log(chartId, Date.now() - t0, "ms");
    }
  }
  async function paintedPixelsOf(chartId: string): Promise<number> {
    const chart = page.locator(`[data-testid="chart-${chartId}"]`);
    await chart.waitFor({ state: "visible" });
    await page.waitForSelector(`[data-testid="chart-${chartId}"][data-rendered="true"]`, { timeout: 10_000 });
    return chart.evaluate((el) => {
      const canvas = el.querySelector("canvas");
      if (!canvas) return 0;
      const ctx = canvas.getContext("2d");
      if (!ctx) return 0;
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      let n = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3] > 0 && !(data[i] > 245 && data[i + 1] > 245 && data[i + 2] > 245)) n++;
      }
      return n;
    });
  }

  async function download(testId: string): Promise<string> {
    const [file] = await Promise.all([page.waitForEvent("download"), page.click(`[data-testid="${testId}"]`)]);
    const path = join(tmp, file.suggestedFilename());
    await file.saveAs(path);
    return path;
  }

  it("runs a 2007-12T1 scenario and shows the engine's numbers", async () => {
    await page.goto(`${base}/#deal=${D12}`);
    await waitForRun(); // the deal's pricing scenario
    expect(await page.inputValue('[data-testid="scenario-input"]')).toBe("100 PPC");
    await page.fill('[data-testid="scenario-input"]', SCENARIO);
    await page.press('[data-testid="scenario-input"]', "Enter");
    await page.waitForSelector('[data-testid="run-status"][data-status="running"], [data-testid="run-status"][data-status="done"]');
    await waitForRun();
    await expect.poll(() => page.textContent('[data-testid="result-scenario"]')).toContain(SCENARIO);

    const { deal } = loadDeal(D12);
    const expected = project(deal, parseScenarioText(SCENARIO));
    const rows = await page.$$eval('[data-testid="table-class-summary"] tbody tr', (trs) =>
      trs.map((tr) => Object.fromEntries(Array.from(tr.querySelectorAll("td"), (td) => [td.getAttribute("data-col"), td.textContent]))),
    );
    expect(rows.map((r) => r.class)).toEqual(Object.keys(expected.classes));
    for (const row of rows) {
      const c = expected.classes[row.class!];
      const principal = c.flows.reduce((s, f) => s + f.principal, 0);
      const writedown = c.flows.reduce((s, f) => s + f.writedown, 0);
      expect(row.wal, row.class!).toBe(c.wal === null ? "–" : c.wal.toFixed(2));
      expect(row.principal, row.class!).toBe(money.format(principal));
      expect(row.writedown, row.class!).toBe(money.format(writedown));
      expect(row.initialBalance).toBe(money.format(c.initialBalance));
    }
    for (const id of ["collateral", "balances", "class"]) expect(await paintedPixels(id), id).toBeGreaterThan(2_000);
    await page.screenshot({ path: join(SHOTS, "workbench-cash-flows.png") });
  });

  it("exports the class table as CSV and XLSX with the engine's full-precision numbers", async () => {
    const { deal } = loadDeal(D12);
    const expected = project(deal, parseScenarioText(SCENARIO));
    const csv = readFileSync(await download("csv-class-summary"), "utf8").trim().split(/\r\n/);
    expect(csv[0]).toBe("Class,Type,Initial balance,WAL (yrs),Principal,Interest,Writedown,Final balance,Unpaid interest,Principal window");
    const parsed = csv.slice(1).map((line) => line.match(/("[^"]*"|[^,]*)(,|$)/g)!.map((f) => f.replace(/,$/, "").replace(/^"|"$/g, "")));
    expect(parsed.map((f) => f[0])).toEqual(Object.keys(expected.classes));
    for (const f of parsed) {
      const c = expected.classes[f[0]];
      expect(f[3], f[0]).toBe(c.wal === null ? "" : String(c.wal));
      expect(Number(f[4]), f[0]).toBe(c.flows.reduce((s, r) => s + r.principal, 0));
      expect(Number(f[5]), f[0]).toBe(c.flows.reduce((s, r) => s + r.interest, 0));
    }
    // The collateral table too: every period, every column.
    const coll = readFileSync(await download("csv-collateral"), "utf8").trim().split(/\r\n/);
    expect(coll).toHaveLength(expected.collateral.length + 1);
    const last = coll[coll.length - 1].split(",");
    const lastRow = expected.collateral[expected.collateral.length - 1];
    expect(last[0]).toBe(String(lastRow.period));
    expect(Number(last[2])).toBe(lastRow.beginBalance);

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await download("xlsx-class-summary"));
    const sheet = book.worksheets[0];
    expect(sheet.getRow(1).getCell(1).value).toBe("Class");
    expect(sheet.getRow(4).getCell(1).value).toBe("A-3");
    expect(sheet.getRow(4).getCell(5).value).toBe(expected.classes["A-3"].flows.reduce((s, r) => s + r.principal, 0));
    expect(sheet.getRow(4).getCell(5).numFmt).toBe("#,##0.00");
  });

  it("charts shifting interest, triggers and WAL by speed", async () => {
    await page.click('[data-testid="tab-tests"]');
    expect(await paintedPixels("shifting-interest")).toBeGreaterThan(2_000);
    expect(await paintedPixels("triggers")).toBeGreaterThan(1_000);
    await page.screenshot({ path: join(SHOTS, "workbench-triggers.png") });
    await page.click('[data-testid="tab-tables"]');
    expect(await paintedPixels("wal")).toBeGreaterThan(2_000);
    const initial = await page.$$eval('[data-testid="table-decrement"] tbody tr', (trs) => trs.filter((tr) => tr.textContent?.includes("Initial")).length);
    expect(initial).toBeGreaterThan(8);
    await page.screenshot({ path: join(SHOTS, "workbench-decrement.png") });
  });

  it("adds a benchmark spread and effective duration to the yield table, on screen and in the CSV/XLSX", async () => {
    // Still on the Tables tab. Two speeds, two prices: A-4 (fixed rate) against a flat 4.5% benchmark, ±25 bp.
    await page.fill('[data-testid="speeds-input"]', "100, 200");
    await page.selectOption('[data-testid="analytics-class"]', "A-4");
    await page.fill('[data-testid="prices-input"]', "99, par");
    expect(await page.getAttribute('[data-testid="prices-input"]', "aria-invalid")).toBe("true");
    expect(await page.textContent("p.error")).toContain("prices:");
    await page.fill('[data-testid="prices-input"]', "99, 100");
    expect(await page.getAttribute('[data-testid="prices-input"]', "aria-invalid")).toBe("false");
    await page.fill('[data-testid="benchmark-input"]', "4.5%");
    expect(await page.getAttribute('[data-testid="benchmark-input"]', "aria-invalid")).toBe("true");
    await page.fill('[data-testid="benchmark-input"]', "4.5");
    await page.check('[data-testid="effective-input"]');
    await page.click('[data-testid="yield-table-run"]');
    const table = page.locator('[data-testid="table-yield-table"]');
    await table.waitFor({ timeout: 30_000 });
    expect(await table.locator("h3").textContent()).toMatch(/^Class A-4: yield \(%\), spread \(bp\), effective duration at each price/);
    const note = (await table.locator(".note").textContent())!;
    expect(note).toContain("spread: (yield − 4.5% benchmark) in bp at each speed's average life");
    expect(note).toContain("effective duration: yield and index paths ±25 bp");

    const screen = await table.locator("tbody tr").evaluateAll((trs) =>
      trs.map((tr) => Object.fromEntries(Array.from(tr.querySelectorAll("td"), (td) => [td.getAttribute("data-col"), td.textContent!]))),
    );
    expect(screen.map((r) => `${r.quote} ${r.measure}`)).toEqual(["99.00 Yield (%)", "100.00 Yield (%)", "99.00 Spread (bp)", "100.00 Spread (bp)", "99.00 Eff dur", "100.00 Eff dur"]);
    const num = (r: Record<string, string>, i: number) => Number(r[`s${i}`].replace(/,/g, ""));
    const modDurAt99 = note.match(/modified duration at 99: ([\d.]+) \/ ([\d.]+)/)!.slice(1).map(Number);
    for (const i of [0, 1]) {
      // Shown to 4 decimals: yield ±0.00005% (0.005 bp), spread ±0.00005 bp.
      expect(Math.abs(num(screen[2], i) - (num(screen[0], i) - 4.5) * 100)).toBeLessThanOrEqual(0.0051);
      expect(Math.abs(num(screen[3], i) - (num(screen[1], i) - 4.5) * 100)).toBeLessThanOrEqual(0.0051);
      // A fixed-rate class and no rate-dependent prepayments: effective ≈ modified duration (the note's, to 0.01).
      expect(Math.abs(num(screen[4], i) - modDurAt99[i])).toBeLessThan(0.005 + 2e-3);
    }

    // The export: every number at full precision, so the spread is (yield − 4.5) × 100 exactly as computed.
    const csv = readFileSync(await download("csv-yield-table"), "utf8").trim().split(/\r\n/).map((l) => l.split(","));
    expect(csv[0]).toEqual(["Price", "Measure", "100 PPC", "200 PPC"]);
    expect(csv.slice(1).map((f) => f[1])).toEqual(["Yield (%)", "Yield (%)", "Spread (bp)", "Spread (bp)", "Eff dur", "Eff dur"]);
    for (const [y, s] of [[1, 3], [2, 4]]) {
      for (const i of [2, 3]) expect(Number(csv[s][i])).toBe((Number(csv[y][i]) - 4.5) * 100);
    }
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await download("xlsx-yield-table"));
    const sheet = book.worksheets[0];
    expect(sheet.getRow(6).getCell(2).value).toBe("Eff dur");
    expect(sheet.getRow(6).getCell(3).value).toBe(Number(csv[5][2]));
    await page.screenshot({ path: join(SHOTS, "workbench-yield-table.png") });
  });

  it("shows a posted month's statement", async () => {
    await page.click('[data-testid="tab-statements"]');
    await page.waitForSelector('[data-testid="statements-view"] [data-testid="table-statement-classes"]');
    expect(await page.textContent('[data-testid="statements-view"]')).toContain("to the cent");
    await page.screenshot({ path: join(SHOTS, "workbench-statement.png") });
  });

  it("runs a generic pool (GNMA I 9%), exports its monthly table and its yield table", async () => {
    await page.click('[data-testid="tab-pool"]');
    await page.waitForSelector('[data-testid="pool-status"][data-status="done"]', { timeout: 30_000 }); // the default example, on opening
    expect(await page.inputValue('[data-testid="pool-balance"]')).toBe("1000000");
    await page.click('[data-testid="pool-run"]');
    await page.waitForSelector('[data-testid="pool-status"][data-status="done"]', { timeout: 30_000 });
    expect(await page.locator('[data-testid="table-pool-cash-flow"] tbody tr').count()).toBe(360);
    expect(await paintedPixels("pool")).toBeGreaterThan(2_000);
    const analytics = await page.$$eval('[data-testid="table-pool-analytics"] tbody tr', (trs) => trs.map((tr) => tr.textContent ?? ""));
    expect(analytics[0]).toMatch(/^Price \(per 100\)99\.5000$/);

    // Every month in the CSV at full precision: 150 PSA, no defaults, so the holder's principal is the balance to the cent.
    const csv = readFileSync(await download("csv-pool-cash-flow"), "utf8").trim().split(/\r\n/).map((l) => l.split(","));
    expect(csv).toHaveLength(361);
    const col = csv[0].indexOf("Principal to holder");
    expect(col).toBeGreaterThan(0);
    const principal = csv.slice(1).reduce((s, f) => s + Number(f[col]), 0);
    expect(Math.abs(principal - 1_000_000)).toBeLessThan(0.01);

    // The yield table with no delay: at par and 0 PSA the yield is the 9% monthly coupon as a bond-equivalent yield.
    await page.fill('[data-testid="pool-delayDays"]', "0");
    await page.click('[data-testid="pool-yield-table-run"]');
    await page.waitForSelector('[data-testid="pool-yield-table-status"][data-status="done"]', { timeout: 30_000 });
    const table = page.locator('[data-testid="table-pool-yield-table"]');
    expect(await table.locator("h3").textContent()).toContain("0 days delay");
    const yt = readFileSync(await download("csv-pool-yield-table"), "utf8").trim().split(/\r\n/).map((l) => l.split(","));
    expect(yt[0]).toEqual(["Price", "Measure", "0% PSA", "100% PSA", "150% PSA", "200% PSA", "300% PSA"]);
    expect(yt.slice(1).map((f) => f[1])).toEqual(["Yield (%)", "Yield (%)", "Yield (%)", "Yield (%)", "WAL (years)", "Mod dur at 99.5"]);
    const par = yt.find((f) => f[0] === "100")!;
    const bey = 200 * ((1 + 9 / 1200) ** 6 - 1);
    expect(Number(par[2])).toBeCloseTo(bey, 8);
    const screenPar = await table.locator("tbody tr").nth(2).locator('td[data-col="s0"]').textContent();
    expect(screenPar).toBe(bey.toFixed(4));
    await page.screenshot({ path: join(SHOTS, "workbench-pool.png"), fullPage: true });
  });

  it("runs a scenario grid on the open deal: a heat map of B-1's loss % over speed x CDR, rows exported as CSV", async () => {
    await page.click('[data-testid="tab-grid"]');
    await page.fill('[data-testid="grid-token"]', TOKEN);
    await page.fill('[data-testid="grid-speeds"]', "5,20");
    await page.fill('[data-testid="grid-cdrs"]', "0,8");
    await page.click('[data-testid="grid-run"]');
    await page.waitForSelector('[data-testid="grid-status"][data-status="done"]', { timeout: 30_000 });
    expect(await paintedPixels("grid-heatmap")).toBeGreaterThan(2_000);
    const csv = readFileSync(await download("csv-grid"), "utf8").trim().split(/\r\n/).map((l) => l.split(","));
    const head = csv[0];
    expect(csv.length).toBe(5);
    const at = (k: string) => head.indexOf(k);
    const { deal } = loadDeal(D12);
    const stress = project(deal, { ...DEFAULT_SCENARIO, prepayment: { unit: "cpr", values: [20] }, default: { unit: "cdr", values: [8] }, severity: [40], recoveryLag: 12 });
    const wd = stress.classes["B-1"].flows.reduce((s, f) => s + f.writedown, 0);
    const last = csv[4];
    expect([last[at("cpr")], last[at("cdr")], last[at("classId")]]).toEqual(["20", "8", "B-1"]);
    expect(Number(last[at("writedown")])).toBeCloseTo(wd, 4);
  });

  it("points at the mistake in a bad scenario, without losing the last result", async () => {
    await page.click('[data-testid="tab-projection"]');
    await page.fill('[data-testid="scenario-input"]', "100 PPC, 2 XDR");
    await page.press('[data-testid="scenario-input"]', "Enter");
    const banner = page.locator('[data-testid="run-error"]');
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/unknown unit "XDR"/);
    expect(await banner.locator("pre").textContent()).toBe(`100 PPC, 2 XDR\n${" ".repeat(11)}^`);
    expect(await page.locator('[data-testid="table-class-summary"] tbody tr').count()).toBe(14);
  });

  it("compares 2006-HY12 as signed and as amended", async () => {
    await page.selectOption('[data-testid="deal-select"]', "cwalt-2006-hy12");
    await waitForRun();
    await page.click('[data-testid="tab-amendments"]');
    await page.fill('[data-testid="diff-scenario"]', "25 CPR, 15 CDR, 60 sev, 12 lag");
    await page.press('[data-testid="diff-scenario"]', "Enter");
    await page.waitForSelector('[data-testid="table-amendment-diff"]', { timeout: 30_000 });
    expect(await page.textContent('[data-testid="diff-depletion"]')).toMatch(/period \d+/);
    expect(await page.locator('[data-testid="table-amendment-diff"] tr.changed').count()).toBeGreaterThan(0);
    expect(await paintedPixels("amendment-diff")).toBeGreaterThan(2_000);
    await page.screenshot({ path: join(SHOTS, "workbench-amendment.png") });
    await page.click('[data-testid="tab-structure"]');
    await page.waitForSelector('[data-testid="table-rules"]');
    await page.screenshot({ path: join(SHOTS, "workbench-structure.png") });
    // A small laptop screen: the scenario bar and the tabs still fit.
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.click('[data-testid="tab-projection"]');
    const bar = await page.locator('[data-testid="scenario-input"]').boundingBox();
    expect(bar!.width).toBeGreaterThan(300);
    expect(await page.locator('[data-testid="tab-statements"]').isVisible()).toBe(true);
    await page.screenshot({ path: join(SHOTS, "workbench-laptop-1280x720.png") });
    expect(pageErrors).toEqual([]);
  });
});
