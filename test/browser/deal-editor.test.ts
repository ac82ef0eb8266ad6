/**
 * The "Edit deal" screen in Chromium (the harness of workbench.test.ts): upload the
 * hand-written servicer tape (refused without its column map, stratified with it),
 * upload a deliberately broken deal naming it, fix it from the problems marked on
 * its lines, save it with the token and run it in the cash-flow view. The figures
 * on screen are checked against the tape's own sums. Screenshots in test-results/.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { buildServer, type TrancheServer } from "../../src/api/server.js";

const CHROMIUM = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => p && existsSync(p));
const ROOT = resolve(import.meta.dirname, "..", "..");
const SHOTS = join(ROOT, "test-results");
const TOKEN = "editor-browser-token";
const EXAMPLE = join(ROOT, "examples", "own-pool");
const TAPE = join(EXAMPLE, "tapes", "servicer-tape.csv");
const MAP = join(EXAMPLE, "tapes", "servicer-tape.map.yaml");

if (!CHROMIUM) console.warn("test/browser/deal-editor: SKIPPED — no Chromium at /usr/bin/chromium");

/** The tape's balance, summed from the file itself (not by the importer). */
function tapeBalance(): number {
  return readFileSync(TAPE, "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .reduce((a, line) => a + Number(/^[^,]*,[^,]*,"([^"]*)"/.exec(line)![1].replace(/,/g, "")), 0);
}

describe.skipIf(!CHROMIUM)("Edit deal in Chromium", () => {
  let tmp: string;
  let app: TrancheServer;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), "tranche-editor-browser-"));
    mkdirSync(SHOTS, { recursive: true });
    const webRoot = join(tmp, "web");
    mkdirSync(webRoot);
    app = await buildServer({ token: TOKEN, webRoot, workers: 1, store: join(tmp, "store.db"), savedDealsDirectory: join(tmp, "saved") });
    const { build } = await import("vite");
    await build({ configFile: join(ROOT, "web", "vite.config.ts"), logLevel: "warn", build: { outDir: webRoot, emptyOutDir: true } });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    context = await chromium.launchPersistentContext(join(tmp, "profile"), {
      executablePath: CHROMIUM,
      headless: true,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
      viewport: { width: 1440, height: 1000 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on("pageerror", (e) => pageErrors.push(e.message));
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await app?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it("uploads a tape, fixes a broken deal from its marked errors, saves and runs it", async () => {
    await page.goto(`${base}/#tab=edit`);
    await page.waitForSelector('[data-testid="deal-editor"] .cm-content');
    // Completion from the deal schema: the top-level fields.
    await page.click('[data-testid="deal-editor"] .cm-content');
    await page.keyboard.type("formatV");
    await page.keyboard.press("Control+Space");
    await expect.poll(() => page.locator(".cm-tooltip-autocomplete").textContent(), { timeout: 10_000 }).toContain("formatVersion");
    await page.keyboard.press("Escape");

    // The tape alone: its headings are the servicer's, so the importer names what it misses.
    await page.setInputFiles('[data-testid="edit-upload-tape"]', TAPE);
    await expect.poll(() => page.textContent('[data-testid="tape-errors"]'), { timeout: 10_000 }).toContain("missing column currentBalance");
    // With the column map: 30 loans, the file's own balance, charts painted.
    await page.setInputFiles('[data-testid="edit-upload-map"]', MAP);
    await expect.poll(() => page.textContent('[data-testid="tape-total"]'), { timeout: 10_000 }).toContain("30 loans");
    const shown = (await page.textContent('[data-testid="tape-total"]'))!;
    expect(Number(/balance ([\d,.]+)/.exec(shown)![1].replace(/,/g, ""))).toBeCloseTo(tapeBalance(), 2);
    await page.waitForSelector('[data-testid="chart-tape-rate"][data-rendered="true"]', { timeout: 10_000 });

    // A deal naming the tape, broken in two places.
    const good = readFileSync(join(EXAMPLE, "own-pool-2024-1.yaml"), "utf8");
    const broken = good.replace("trusteeFeeRate: 0.009", "trusteeFeeRate: 0.009x").replace("pricingSpeed: {unit: cpr, value: 15}", "pricingSpeed: {unit: cpr, value: -15}");
    await page.setInputFiles('[data-testid="edit-upload-deal"]', { name: "own-pool-2024-1.yaml", mimeType: "application/yaml", buffer: Buffer.from(broken) });
    await expect.poll(() => page.locator('[data-testid="edit-problem-list"]').textContent(), { timeout: 10_000 }).toContain("pricingSpeed.value");
    await page.waitForSelector(".cm-lintRange-error", { timeout: 10_000 });
    const problems = (await page.locator('[data-testid="edit-problem-list"] li').allTextContents()).map((t) => {
      const m = /^line (\d+): (.*)$/.exec(t)!;
      return { line: Number(m[1]), text: m[2] };
    });
    expect(problems.length).toBe(2);
    await page.evaluate((n) => {
      const v = (window as any).dealEditor;
      v.dispatch({ selection: { anchor: v.state.doc.line(n).from }, scrollIntoView: true });
    }, problems[0].line);
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(SHOTS, "deal-editor-marked-errors.png") });

    // Fix each problem at the line it is marked on.
    for (const p of problems) {
      const lineText = await page.evaluate((n) => (window as any).dealEditor.state.doc.line(n).text as string, p.line);
      const fixed = lineText.replace("0.009x", "0.009").replace("value: -15", "value: 15");
      expect(fixed, `line ${p.line} (${p.text}) holds the broken value`).not.toBe(lineText);
      await page.evaluate(
        ([n, text]) => {
          const v = (window as any).dealEditor;
          const line = v.state.doc.line(n);
          v.dispatch({ changes: { from: line.from, to: line.to, insert: text } });
        },
        [p.line, fixed] as const,
      );
    }
    await page.waitForSelector('[data-testid="edit-problems"][data-count="0"]', { timeout: 10_000 });
    expect(await page.locator(".cm-lintRange-error").count()).toBe(0);

    // Without the token the save is refused; with it, saved and run.
    await page.click('[data-testid="edit-save"]');
    await page.waitForSelector('[data-testid="edit-save-status"][data-status="error"]');
    await page.fill('[data-testid="edit-token"]', TOKEN);
    await page.click('[data-testid="edit-save"]');
    await page.waitForSelector('[data-testid="run-status"][data-status="done"]', { timeout: 30_000 });
    await expect.poll(() => page.textContent('[data-testid="result-scenario"]')).toContain("Own Pool Trust 2024-1");
    expect(await page.inputValue('[data-testid="scenario-input"]')).toBe("15 CPR");
    expect(await page.textContent('[data-testid="run-status"]')).toContain("358 periods");
    await page.screenshot({ path: join(SHOTS, "deal-editor-saved-run.png") });

    // The decrement view runs on the saved deal too.
    await page.click('[data-testid="tab-tables"]');
    await expect.poll(() => page.locator("main").textContent(), { timeout: 30_000 }).toContain("1-A-1");
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
