/**
 * The workbench's scenario field takes `LIBOR history` (issue 18): typed on
 * 2007-12T1, the run's scenario is the published One-Month LIBOR read from
 * data/libor/ (the first accrual fixes on 2007-04-26), the field says the
 * syntax, and a mistyped continuation is marked at its column.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { buildServer, type TrancheServer } from "../../src/api/server.js";

const CHROMIUM = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => p && existsSync(p));
const ROOT = resolve(import.meta.dirname, "..", "..");

if (!CHROMIUM) console.warn("test/browser/libor-history: SKIPPED — no Chromium at /usr/bin/chromium (scripts/ci-browser.sh installs it)");

describe.skipIf(!CHROMIUM)("LIBOR history in the workbench's scenario field", () => {
  let tmp: string;
  let app: TrancheServer;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), "tranche-libor-browser-"));
    const webRoot = join(tmp, "web");
    mkdirSync(webRoot);
    app = await buildServer({ token: "t", webRoot, workers: 1, store: join(tmp, "store.db"), savedDealsDirectory: join(tmp, "saved") });
    const { build } = await import("vite");
    await build({ configFile: join(ROOT, "web", "vite.config.ts"), logLevel: "warn", build: { outDir: webRoot, emptyOutDir: true } });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    context = await chromium.launchPersistentContext(join(tmp, "profile"), {
      executablePath: CHROMIUM,
      headless: true,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
      viewport: { width: 1280, height: 720 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${base}/`);
    await page.waitForSelector('[data-testid="run-status"][data-status="done"]', { timeout: 30_000 });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await app?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it("runs 2007-12T1 on the published fixings and marks a continuation that swallowed the next clause", async () => {
    expect(await page.inputValue('[data-testid="deal-select"]')).toBe("cwalt-2007-12t1");
    expect(await page.textContent('[data-testid="scenario-units"]')).toContain('"LIBOR history"');

    const projection = page.waitForResponse((r) => r.url().includes("/projection") && r.request().method() === "POST");
    await page.fill('[data-testid="scenario-input"]', "100 PPC, LIBOR history,4");
    await page.press('[data-testid="scenario-input"]', "Enter");
    const body = await (await projection).json();
    await page.waitForSelector('[data-testid="run-status"][data-status="done"]', { timeout: 30_000 });
    const raw = readFileSync(join(ROOT, "data/libor/USD1MTD156N-daily.csv"), "utf8");
    const libor = body.scenario.indices.LIBOR_1M.values as number[];
    expect(libor[0]).toBe(Number(/\n2007-04-26,([\d.]+)/.exec(raw)![1]));
    expect(libor.at(-1)).toBe(4);
    const a1 = body.classes["A-1"].flows[0];
    expect(a1.interest).toBeCloseTo((a1.beginBalance * (libor[0] + 0.4)) / 1200, 6);
    expect(await page.textContent('[data-testid="result-scenario"]')).toContain("100 PPC, LIBOR history,4");

    await page.fill('[data-testid="scenario-input"]', "LIBOR history,100 PPC");
    await page.press('[data-testid="scenario-input"]', "Enter");
    await page.waitForSelector('[data-testid="run-status"][data-status="error"]', { timeout: 30_000 });
    const error = (await page.textContent('[data-testid="run-error"]'))!;
    expect(error).toContain("put a space after the comma");
    // The caret sits under "100" (column 14).
    expect(await page.textContent('[data-testid="run-error"] pre')).toContain(`LIBOR history,100 PPC\n${" ".repeat(14)}^`);
  }, 60_000);
});
