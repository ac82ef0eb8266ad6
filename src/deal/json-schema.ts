/**
 * The published JSON Schema of deal files, generated from the zod schema (the
 * one truth) by `npm run schema` into `schema/deal.schema.json`.
 *
 * Two forms:
 * - `"resolved"`: the deal after provenance is resolved: exactly `dealSchema`'s
 *   input (for the API's OpenAPI and for programs that emit deals);
 * - `"file"` (the published one): the file as written, so editors accept the
 *   provenance convention: every mapping may hold a `provenance:` key (the
 *   top-level one required), and every value may be written as
 *   `{value: X, filed: "source"}` or `{value: X, modeled: "note"}`. The inner
 *   `X` of a wrapper is not checked by the JSON Schema (the loader checks it).
 */
import { z } from "zod";
import { dealSchema } from "./schema.js";

export type DealJsonSchemaForm = "file" | "resolved";

type JsonSchema = { [key: string]: unknown };

const SCHEMA_ID = "https://tranche.dev/schema/deal.schema.json";

const provenanceDefs: Record<string, JsonSchema> = {
  provenance: {
    description: 'The provenance of every value below this mapping: `modeled`, `{modeled: "note"}` or `{filed: "source"}`.',
    anyOf: [
      { type: "string", const: "modeled" },
      { type: "object", properties: { modeled: { type: "string" } }, required: ["modeled"], additionalProperties: false },
      { type: "object", properties: { filed: { type: "string", minLength: 1 } }, required: ["filed"], additionalProperties: false },
    ],
  },
  provenanceWrapper: {
    description: 'A value with its own provenance: `{value: X, filed: "source"}` or `{value: X, modeled: "note"}`.',
    type: "object",
    properties: { value: {}, filed: { type: "string", minLength: 1 }, modeled: { type: "string" } },
    required: ["value"],
    oneOf: [{ required: ["filed"] }, { required: ["modeled"] }],
    additionalProperties: false,
  },
};

/** The deal file JSON Schema (draft 2020-12). */
export function dealJsonSchema(form: DealJsonSchemaForm = "file"): JsonSchema {
  const resolved = z.toJSONSchema(dealSchema, { io: "input", target: "draft-2020-12" }) as JsonSchema;
  const header = {
    $schema: resolved.$schema,
    $id: form === "file" ? SCHEMA_ID : SCHEMA_ID.replace("deal.schema", "deal.resolved.schema"),
    title: "Tranche deal file (format version 1)",
    description:
      form === "file"
        ? "A private-label MBS deal as written in deals/<id>.yaml, with provenance (docs/deal-format.md). Generated from src/deal/schema.ts by `npm run schema`; do not edit."
        : "A private-label MBS deal after provenance is resolved. Generated from src/deal/schema.ts; do not edit.",
  };
  const { $schema: _ignored, ...body } = resolved;
  if (form === "resolved") return { ...header, ...body };
  const file = withProvenance(body, true);
  return { ...header, ...file, $defs: { ...((file.$defs as JsonSchema | undefined) ?? {}), ...provenanceDefs } };
}

const wrap = (schema: unknown): JsonSchema => ({ anyOf: [withProvenance(schema, false), { $ref: "#/$defs/provenanceWrapper" }] });

/** Lets every mapping carry `provenance:` and every value be a provenance wrapper. */
function withProvenance(schema: unknown, root: boolean): JsonSchema {
  if (typeof schema !== "object" || schema === null || Array.isArray(schema)) return schema as JsonSchema;
  const node = { ...(schema as JsonSchema) };
  for (const key of ["anyOf", "oneOf", "allOf"]) {
    if (Array.isArray(node[key])) node[key] = (node[key] as unknown[]).map((s) => withProvenance(s, false));
  }
  if (node.$defs !== undefined) {
    node.$defs = Object.fromEntries(Object.entries(node.$defs as JsonSchema).map(([k, v]) => [k, withProvenance(v, false)]));
  }
  if (node.type === "array" && node.items !== undefined) node.items = wrap(node.items);
  if (node.type === "object") {
    if (node.properties !== undefined) {
      const properties = Object.fromEntries(Object.entries(node.properties as JsonSchema).map(([k, v]) => [k, wrap(v)]));
      node.properties = { provenance: { $ref: "#/$defs/provenance" }, ...properties };
      if (root) node.required = ["provenance", ...((node.required as string[] | undefined) ?? [])];
    }
    if (typeof node.additionalProperties === "object") {
      // A record (parties, defaultIndices): `provenance` is one of its keys.
      node.properties = { provenance: { $ref: "#/$defs/provenance" }, ...((node.properties as JsonSchema | undefined) ?? {}) };
      node.additionalProperties = wrap(node.additionalProperties);
    }
  }
  return node;
}

/** The schema file's text: stable key order, two-space indent, final newline. */
export function dealJsonSchemaText(form: DealJsonSchemaForm = "file"): string {
  return JSON.stringify(dealJsonSchema(form), null, 2) + "\n";
}
