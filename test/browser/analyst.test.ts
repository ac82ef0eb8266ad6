/**
 * The workbench as an analyst finds it (issue 17), in Chromium at 1280x720 (the
 * harness of workbench.test.ts) after three posted months of 2007-12T1: the page
 * opens on a deal whose first run succeeds, with a placeholder and units that
 * follow the deal; the scenario error shows only where the scenario applies;
 * no tab is wider than the window; every chart names its axes with units and
 * shows its legend whole; nothing 404s on load. Screenshots in test-results/.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { buildServer, type TrancheServer } from "../../src/api/server.js";
import { trustLoansOf } from "../../src/admin/loans/trust-loans.js";
import { remittanceToJson } from "../../src/admin/remittance/write.js";
import { simulateServicing } from "../../src/admin/servicing/simulate.js";
import { loadDeal } from "../../src/deal/load-deal.js";

const CHROMIUM = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => p && existsSync(p));
const ROOT = resolve(import.meta.dirname, "..", "..");
const SHOTS = join(ROOT, "test-results");
const TOKEN = "analyst-browser-token";
const D12 = "cwalt-2007-12t1";
const HY12 = "cwalt-2006-hy12";
const VIEWPORT = { width: 1280, height: 720 };

if (!CHROMIUM) console.warn("test/browser/analyst: SKIPPED — no Chromium at /usr/bin/chromium (scripts/ci-browser.sh installs it)");

describe.skipIf(!CHROMIUM)("the workbench at 1280x720, as an analyst finds it", () => {
  let tmp: string;
  let app: TrancheServer;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  const pageErrors: string[] = [];
  /** Every failed response and console error of the page (status ≥ 400, "Failed to load resource"). */
  const failures: string[] = [];

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), "tranche-analyst-"));
    mkdirSync(SHOTS, { recursive: true });
    const webRoot = join(tmp, "web");
    mkdirSync(webRoot);
    app = await buildServer({ token: TOKEN, webRoot, workers: 2, store: join(tmp, "store.db"), savedDealsDirectory: join(tmp, "saved") });
    const { build } = await import("vite");
    await build({ configFile: join(ROOT, "web", "vite.config.ts"), logLevel: "warn", build: { outDir: webRoot, emptyOutDir: true } });
    // Three simulated months of 2007-12T1 posted, as in the issue.
    const { deal } = loadDeal(D12);
    const months = simulateServicing(deal, trustLoansOf(deal), { months: 3, seed: 11 });
    for (const [i, month] of months.entries()) {
      const posted = await app.inject({
        method: "POST",
        url: `/api/deals/${D12}/remittances`,
        headers: { authorization: `Bearer ${TOKEN}` },
        payload: { files: [{ name: `month-${i + 1}.json`, text: remittanceToJson(month) }] },
      });
      expect(posted.statusCode, posted.body).toBe(201);
    }
    await app.listen({ port: 0, host: "127.0.0.1" });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    context = await chromium.launchPersistentContext(join(tmp, "profile"), {
      executablePath: CHROMIUM,
      headless: true,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
      viewport: VIEWPORT,
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on("pageerror", (e) => pageErrors.push(e.message));
    page.on("response", (r) => {
      if (r.status() >= 400) failures.push(`${r.status()} ${r.url()}`);
    });
    page.on("console", (m) => {
      if (m.type() === "error") failures.push(`console: ${m.text()} (${m.location().url})`);
    });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await app?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  const runStatus = () => page.getAttribute('[data-testid="run-status"]', "data-status");
  const waitForRun = async () => {
    await page.waitForSelector('[data-testid="run-status"][data-status="done"], [data-testid="run-status"][data-status="error"]', { timeout: 30_000 });
    return runStatus();
  };
  const tabs = () => page.$$eval('[role="tab"]', (els) => els.map((e) => e.getAttribute("data-testid")!.replace(/^tab-/, "")));

  it("loads without a 404 (or any failed request) in the console, and the first run on the opening deal succeeds", async () => {
    await page.goto(`${base}/`);
    expect(await waitForRun()).toBe("done");
    // Let the favicon and lazy chunks settle.
    await page.waitForLoadState("networkidle");
    expect(failures).toEqual([]);
    expect(await page.locator('[data-testid="run-error"]').count()).toBe(0);
    expect(await page.inputValue('[data-testid="deal-select"]')).toBe(D12);
    expect(await page.inputValue('[data-testid="scenario-input"]')).toBe("100 PPC");
    await page.waitForSelector('[data-testid="table-class-summary"]');
    await page.screenshot({ path: join(SHOTS, "analyst-opening.png") });
  });

  it("follows the selected deal's prepayment assumption in the placeholder and says which units the deal takes", async () => {
    expect(await page.getAttribute('[data-testid="scenario-input"]', "placeholder")).toBe("100 PPC, 2 CDR, 40 sev, 12 lag");
    expect(await page.textContent('[data-testid="scenario-units"]')).toMatch(/speed in PPC, CPR, PSA or SMM \(100 PPC: 8→20 CPR over 12 months\)/);

    await page.selectOption('[data-testid="deal-select"]', HY12);
    await expect.poll(() => page.getAttribute('[data-testid="scenario-input"]', "placeholder")).toBe("25 CPR, 2 CDR, 40 sev, 12 lag");
    expect(await waitForRun()).toBe("done");
    expect(await page.inputValue('[data-testid="scenario-input"]')).toBe("25 CPR");
    const units = (await page.textContent('[data-testid="scenario-units"]'))!;
    expect(units).toContain("speed in CPR, PSA or SMM (no PPC: the deal has no Prepayment Assumption)");
    expect(units).toContain("LIBOR = LIBOR_1Y");

    // The placeholder's stress runs as written.
    const stress = (await page.getAttribute('[data-testid="scenario-input"]', "placeholder"))!;
    await page.fill('[data-testid="scenario-input"]', stress);
    await page.press('[data-testid="scenario-input"]', "Enter");
    await expect.poll(() => page.textContent('[data-testid="result-scenario"]'), { timeout: 30_000 }).toContain(stress);
    expect(await runStatus()).toBe("done");

    // PPC on this deal: refused, pointing at the unit.
    const ppc = "100 PPC, 2 CDR, 40 sev, 12 lag";
    await page.fill('[data-testid="scenario-input"]', ppc);
    await page.press('[data-testid="scenario-input"]', "Enter");
    const banner = page.locator('[data-testid="run-error"]');
    await banner.waitFor({ timeout: 30_000 });
    expect(await banner.textContent()).toContain("write the speed in CPR, PSA or SMM");
    expect(await banner.locator("pre").textContent()).toBe(`${ppc}\n${" ".repeat(ppc.indexOf("PPC"))}^`);
  });

  it("shows the scenario error only on the tabs that show the scenario's run", async () => {
    // Still in the error of the last test.
    expect(await runStatus()).toBe("error");
    const seen: Record<string, boolean> = {};
    for (const tab of await tabs()) {
      await page.click(`[data-testid="tab-${tab}"]`);
      seen[tab] = await page.locator('[data-testid="run-error"]').isVisible();
      if (!seen[tab]) expect(await page.locator('[data-testid="run-error-link"]').isVisible(), tab).toBe(true);
    }
    for (const [tab, visible] of Object.entries(seen)) expect(visible, tab).toBe(tab === "projection" || tab === "tests");
    await page.click('[data-testid="tab-pool"]');
    await page.screenshot({ path: join(SHOTS, "analyst-pool-without-scenario-error.png") });
    // The link in the top bar goes to the run.
    await page.click('[data-testid="run-error-link"]');
    expect(await page.getAttribute('[data-testid="tab-projection"]', "aria-selected")).toBe("true");
    expect(await page.locator('[data-testid="run-error"]').isVisible()).toBe(true);
  });

  it("fits every tab in 1,280 px: no page wider than the window; the statement's distributions show every class", async () => {
    await page.selectOption('[data-testid="deal-select"]', D12);
    expect(await waitForRun()).toBe("done");
    for (const tab of await tabs()) {
      await page.click(`[data-testid="tab-${tab}"]`);
      await page.waitForLoadState("networkidle");
      await page.waitForTimeout(300);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, `${tab}: page ${width} px wide`).toBeLessThanOrEqual(VIEWPORT.width);
      await page.screenshot({ path: join(SHOTS, `analyst-1280-${tab}.png`), fullPage: true });
    }
    await page.click('[data-testid="tab-statements"]');
    await page.waitForSelector('[data-testid="table-statement-classes"] tbody tr');
    const classes = loadDeal(D12).deal.classes.map((c) => c.id);
    const shown = await page.$$eval('[data-testid="table-statement-classes"] tbody tr', (trs) => trs.map((tr) => tr.querySelector("td")!.textContent));
    expect(shown).toEqual(classes);
    // Every row visible without an inner scroll, B-5 included.
    const scroll = await page.$eval('[data-testid="table-statement-classes"] .table-scroll', (el) => ({ scroll: el.scrollHeight, client: el.clientHeight }));
    expect(scroll.scroll).toBeLessThanOrEqual(scroll.client);
    for (const id of ["statement-triggers", "statement-sources", "statement-uses", "statement-pool"]) {
      const box = await page.locator(`[data-testid="table-${id}"]`).boundingBox();
      expect(box!.x + box!.width, id).toBeLessThanOrEqual(VIEWPORT.width);
      const inner = await page.$eval(`[data-testid="table-${id}"] .table-scroll`, (el) => el.scrollWidth - el.clientWidth);
      expect(inner, `${id} scrolls sideways`).toBeLessThanOrEqual(0);
    }
    await page.screenshot({ path: join(SHOTS, "analyst-statement-1280.png"), fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
