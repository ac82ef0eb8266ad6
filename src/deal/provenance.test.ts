/**
 * Provenance resolution (deals/README.md, "Filed facts and modeled terms"):
 * blocks, wrappers, wrappers of mappings, list items, and the errors.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadDeal } from "./load-deal.js";
import { parseDealText } from "./parse-deal.js";
import { DealValidationError } from "./problems.js";
import { readYamlSource } from "./yaml-source.js";

const fixtures = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "test", "fixtures", "deals");

describe("provenance", () => {
  const loaded = loadDeal(join(fixtures, "provenance.yaml"));
  const p = loaded.provenance;

  it("unwraps {value, filed} and records the source", () => {
    expect(loaded.deal.name).toBe("Fixture Trust 2020-1");
    expect(p.get("name")).toMatchObject({ kind: "filed", source: "8-K cover" });
    expect(p.get("offeredAmount")).toMatchObject({ kind: "filed", source: "fixture term sheet" });
    expect(loaded.deal.dates.closingDate).toBe("2020-01-30");
    expect(p.get("dates.closingDate")).toMatchObject({ kind: "filed", source: "8-K, Item 8.01: closed January 30, 2020" });
  });

  it("a provenance block covers its mapping, including list items, and a wrapper inside overrides it", () => {
    expect(p.get("parties.trustee")).toMatchObject({ kind: "filed", source: "8-K, Item 8.01" });
    expect(p.get("parties.sellers[1]")).toMatchObject({ kind: "filed", source: "8-K, Item 8.01" });
    expect(loaded.deal.parties).toEqual({ trustee: "The Fixture Trustee", sellers: ["Seller One", "Seller Two"] });
    expect(p.get("dates.psaDate")).toEqual({ kind: "modeled", source: "", path: "dates.psaDate", fieldPath: ["dates", "psaDate"] });
  });

  it("inherits the top level; a block inside a list item covers that item only", () => {
    expect(p.get("formatVersion")).toMatchObject({ kind: "modeled", source: "fixture form" });
    expect(p.get("collateral.groups[1].repLines[L1].mortgageRate")).toMatchObject({ kind: "modeled", source: "tape note" });
    expect(p.get("collateral.masterServicingFeeRate")).toMatchObject({ kind: "modeled", source: "fixture form" });
    expect(p.get("classes[A].initialBalance")).toMatchObject({ kind: "filed", source: "term sheet table" });
    expect(p.get("classes[R].initialBalance")).toMatchObject({ kind: "modeled", source: "fixture form" });
  });

  it("a wrapper around a mapping gives its provenance to every value inside", () => {
    expect(loaded.deal.classes[0].coupon).toEqual({ kind: "fixed", rate: 6 });
    expect(p.get("classes[A].coupon.rate")).toMatchObject({ kind: "modeled", source: "coupon note" });
    expect(p.get("classes[A].coupon.kind")).toMatchObject({ kind: "modeled", source: "coupon note" });
  });

  it("is found by labelled path or by index path", () => {
    expect(p.get("classes.0.coupon.rate")).toBe(p.get("classes[A].coupon.rate"));
    expect(p.get(["classes", 0, "coupon", "rate"])).toBe(p.get("classes[A].coupon.rate"));
    expect(p.get("classes[Z].initialBalance")).toBeUndefined();
  });

  it("every value of the deal resolves to a source, and provenance keys are gone from the data", () => {
    const text = readFileSync(join(fixtures, "provenance.yaml"), "utf8");
    const { value } = readYamlSource(text, "provenance.yaml", { requireProvenance: true });
    const leaves: string[] = [];
    const walk = (v: unknown, path: (string | number)[]): void => {
      if (Array.isArray(v)) return v.length === 0 ? void leaves.push(path.join(".")) : v.forEach((x, i) => walk(x, [...path, i]));
      if (typeof v === "object" && v !== null) {
        expect(Object.keys(v)).not.toContain("provenance");
        const entries = Object.entries(v);
        return entries.length === 0 ? void leaves.push(path.join(".")) : entries.forEach(([k, x]) => walk(x, [...path, k]));
      }
      leaves.push(path.join("."));
    };
    walk(value, []);
    expect(leaves.length).toBeGreaterThan(80);
    for (const leaf of leaves) expect(p.get(leaf), leaf).toBeDefined();
    expect(p.size).toBe(leaves.length);
  });

  it("the real deals' filed values carry their sources", () => {
    const hy12 = loadDeal("cwalt-2006-hy12");
    expect(hy12.provenance.get("dates.closingDate")).toMatchObject({ kind: "filed" });
    expect(hy12.provenance.get("dates.closingDate")!.source).toContain("seed 002");
    expect(hy12.provenance.get("parties.sellers[3]")).toMatchObject({ kind: "filed" });
    expect(hy12.provenance.get("offeredAmount")!.source).toContain("$791,111,100");
    expect(hy12.provenance.get("classes[1-A-1].initialBalance")).toMatchObject({ kind: "modeled" });
    expect(hy12.amendments[0].provenance.get("patches[§4.02(c)].replacementText")).toMatchObject({ kind: "filed" });
    const t1 = loadDeal("cwalt-2007-12t1");
    expect(t1.provenance.get("contracts[corridor-boa].counterparty")).toMatchObject({ kind: "filed" });
    expect(t1.provenance.get("contracts[corridor-boa].strikeRate")).toMatchObject({ kind: "modeled" });
  });
});

describe("provenance errors", () => {
  it("bare `filed` without a source, and a wrapper with both filed and modeled", () => {
    const file = join(fixtures, "bad-provenance.yaml");
    try {
      loadDeal(file);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DealValidationError);
      expect((e as DealValidationError).errors.map((p) => [p.line, p.path])).toEqual([
        [7, "parties.provenance"],
        [14, "dates.closingDate"],
      ]);
    }
  });

  it("the top-level provenance is required", () => {
    const file = join(fixtures, "missing-provenance.yaml");
    expect(() => loadDeal(file)).toThrow(/missing-provenance\.yaml:3:1 {2}provenance: missing required top-level provenance/);
  });

  it("a filed wrapper needs a source text", () => {
    const text = readFileSync(join(fixtures, "minimal.yaml"), "utf8").replace('filed: "fixture term sheet"', "filed: 12");
    expect(() => parseDealText(text, "m.yaml")).toThrow(/m\.yaml:14:\d+ {2}offeredAmount: `filed` provenance/);
  });
});
