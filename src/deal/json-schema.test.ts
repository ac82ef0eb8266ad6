/**
 * The published JSON Schema: up to date with the zod schema, and it accepts the
 * real deal files as written (provenance and all) and rejects what the loader
 * rejects structurally.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { dealJsonSchema, dealJsonSchemaText } from "./json-schema.js";
import { loadDeal } from "./load-deal.js";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const read = (path: string) => readFileSync(join(repo, path), "utf8");

describe("schema/deal.schema.json", () => {
  it("is up to date with src/deal/schema.ts (run `npm run schema` after changing the schema)", () => {
    expect(read("schema/deal.schema.json")).toBe(dealJsonSchemaText("file"));
  });

  // ajv is fastify's validator (a dependency of fastify, not of ours).
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
  const validateFile = ajv.compile(JSON.parse(read("schema/deal.schema.json")));
  const validateResolved = ajv.compile(dealJsonSchema("resolved"));

  it("accepts both deal files as written, and the minimal fixture", () => {
    for (const path of ["deals/cwalt-2007-12t1.yaml", "deals/cwalt-2006-hy12.yaml", "test/fixtures/deals/minimal.yaml", "test/fixtures/deals/provenance.yaml"]) {
      const ok = validateFile(parse(read(path)));
      expect(ok ? [] : validateFile.errors, path).toEqual([]);
    }
  });

  it("accepts the resolved deals in the resolved form", () => {
    for (const id of ["cwalt-2007-12t1", "cwalt-2006-hy12"]) {
      const ok = validateResolved(JSON.parse(JSON.stringify(loadDeal(id, { amendments: "none" }).base)));
      expect(ok ? [] : validateResolved.errors, id).toEqual([]);
    }
  });

  it("rejects an unknown field, a missing top-level provenance, a wrong type and a bad wrapper", () => {
    const deal = parse(read("test/fixtures/deals/minimal.yaml"));
    expect(validateFile({ ...deal, colour: "red" })).toBe(false);
    const { provenance: _p, ...withoutProvenance } = deal;
    expect(validateFile(withoutProvenance)).toBe(false);
    expect(validateFile({ ...deal, offeredAmount: "lots" })).toBe(false);
    expect(validateFile({ ...deal, offeredAmount: { value: 1, filed: "x", modeled: "y" } })).toBe(false);
    expect(validateFile({ ...deal, offeredAmount: { value: 1, filed: "x" } })).toBe(true);
  });
});
