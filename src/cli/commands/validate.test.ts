/**
 * `tranche validate`: summary, provenance, JSON, and the exit codes
 * (0 valid, 1 invalid, 2 missing or not YAML).
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { tranche } from "../../../test/support/cli.js";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const fixture = (name: string) => join(repo, "test", "fixtures", "deals", name);

const run = (...args: string[]) => tranche("validate", ...args);

afterEach(() => {
  process.exitCode = undefined;
});

describe("tranche validate", () => {
  it("summarizes 2006-HY12: pool by group, classes, offered total against the filed amount, rules with their text", async () => {
    const { code, stdout } = await run("cwalt-2006-hy12");
    expect(code).toBe(0);
    expect(stdout).toContain("Alternative Loan Trust 2006-HY12 (cwalt-2006-hy12): valid");
    expect(stdout).toMatch(/^1\s+2\s+2000\s+500,000,000\.00$/m);
    expect(stdout).toMatch(/^2\s+1\s+1200\s+300,000,000\.00$/m);
    expect(stdout).toMatch(/^total\s+3\s+3200\s+800,000,000\.00$/m);
    expect(stdout).toMatch(/^1-A-2\s+1\s+senior, seniorSupport\s+70,944,300\.00\s+Group 1 net WAC\s+yes$/m);
    expect(stdout).toContain("Offered classes total 791,111,100.00; filed offered amount 791,111,100.00: equal");
    expect(stdout).toMatch(/^§4\.02\(c\)\s+\(deleted\)\s+\[Reserved\] \(was: .*\)\s+amendment-1, effective 2006-06-29$/m);
    expect(stdout).toMatch(/^§4\.02\(a\)\(vi\)\s+subordinates\s+.*as signed$/m);
    expect(stdout).toMatch(/^amendment-1\s+2007-02-13\s+2006-06-29\s+yes\s+delete §4\.02\(c\) → "\[Reserved\]"/m);
    // §4.02(c) is listed where it stood: after the Group 2 senior principal rule.
    expect(stdout.indexOf("§4.02(c)")).toBeGreaterThan(stdout.indexOf("§4.02(a)(iv)(y), Loan Group 2"));
    expect(stdout.indexOf("§4.02(c)")).toBeLessThan(stdout.indexOf("§4.02(a)(v) "));
  });

  it("summarizes 2007-12T1 with its corridor contract", async () => {
    const { code, stdout } = await run("cwalt-2007-12t1");
    expect(code).toBe(0);
    expect(stdout).toContain("Offered classes total 855,728,140.00; filed offered amount 855,728,140.00: equal");
    expect(stdout).toMatch(/^corridor-boa\s+corridor\s+§4\.08\s+Bank of America, N\.A\.\s+A-1\s+LIBOR_1M 5\.60%–9\.10%\s+2007-06-25 to 2012-04-25$/m);
    expect(stdout).toMatch(/^A-2\s+1\s+.*notional: Class A-1 balance\s+5\.60% − LIBOR_1M/m);
    expect(stdout).not.toContain("Provenance");
  });

  it("--provenance lists every value's path and source", async () => {
    const { code, stdout } = await run("cwalt-2006-hy12", "--provenance");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^deal\s+dates\.closingDate\s+filed\s+Amendment No\. 1 \(seed 002\), second recital/m);
    expect(stdout).toMatch(/^deal\s+classes\[1-A-1\]\.initialBalance\s+modeled\s+standard Countrywide form of 2006/m);
    expect(stdout).toMatch(/^cwalt-2006-hy12\.amendment-1\.yaml\s+effectiveDate\s+filed/m);
  });

  it("--format json: the summary, and provenance on request", async () => {
    const { code, stdout } = await run("cwalt-2006-hy12", "--format", "json", "--provenance");
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.valid).toBe(true);
    expect(out.deal.offered).toEqual({ classesTotal: 791111100, filed: 791111100, matches: true });
    expect(out.deal.groups.map((g: { statedPrincipalBalance: number }) => g.statedPrincipalBalance)).toEqual([500000000, 300000000]);
    expect(out.deal.rules.find((r: { section: string }) => r.section === "§4.02(c)")).toMatchObject({ deleted: true, text: "amendment-1" });
    expect(out.provenance.find((p: { path: string }) => p.path === "offeredAmount")).toMatchObject({ kind: "filed" });
  });

  it("an invalid deal: every problem on stderr, exit code 1", async () => {
    const file = fixture("four-problems.yaml");
    const { code, stdout, stderr } = await run(file);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toContain("invalid deal (4 problems)");
    expect(stderr).toContain(`${file}:11:26  dates.firstDistributionDate: `);
    expect(stderr).toContain(`${file}:48:`);
  });

  it("an invalid deal with --format json: the problems as data, exit code 1", async () => {
    const { code, stdout } = await run(fixture("four-problems.yaml"), "--format", "json");
    expect(code).toBe(1);
    const out = JSON.parse(stdout);
    expect(out.valid).toBe(false);
    expect(out.errors.map((e: { line: number }) => e.line)).toEqual([11, 31, 45, 48]);
  });

  it("a file that does not exist or is not YAML: exit code 2", async () => {
    const missing = await run(fixture("no-such-deal.yaml"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("no such file");
    const notYaml = await run(fixture("not-yaml.yaml"));
    expect(notYaml.code).toBe(2);
    expect(notYaml.stderr).toContain("not valid YAML");
    expect(notYaml.stderr).toMatch(/not-yaml\.yaml:\d+:\d+ {2}/);
    const unknownId = await run("cwalt-1999-zz");
    expect(unknownId.code).toBe(2);
    expect(unknownId.stderr).toContain('no deal "cwalt-1999-zz"');
  });

  it("rejects an unknown --format", async () => {
    const { code, stderr } = await run("cwalt-2007-12t1", "--format", "yaml");
    expect(code).toBe(2);
    expect(stderr).toContain('--format: expected text or json, got "yaml"');
  });
});
