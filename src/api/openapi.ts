/**
 * The OpenAPI 3.1 document, built from the route records and the zod schemas
 * they name: schemas registered in `apiSchemas` become `components.schemas`
 * (JSON Schema 2020-12, which OpenAPI 3.1 uses as is) and are `$ref`'d.
 */
import { z } from "zod";
import type { RouteSpec } from "./route.js";

/** Named schemas: each becomes `#/components/schemas/<id>`. */
export const apiSchemas = z.registry<{ id: string; description?: string; io?: "input" | "output" }>();

/**
 * Registers `schema` under `id` and returns it, so definitions read
 * `const X = named("X", z.object(...))`. Request schemas are documented as
 * input (fields with defaults optional), the rest as output.
 */
const ioById = new Map<string, "input" | "output">();

export function named<T extends z.ZodType>(id: string, schema: T, options: { description?: string; io?: "input" | "output" } = {}): T {
  apiSchemas.add(schema, { id, ...options });
  ioById.set(id, options.io ?? "output");
  return schema;
}

type JsonSchema = Record<string, unknown>;

const REF = (id: string): string => `#/components/schemas/${id}`;

function clean(schema: JsonSchema): JsonSchema {
  const { $schema: _s, $id: _i, ...rest } = schema;
  return rest;
}

function schemaFor(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const meta = apiSchemas.get(schema);
  if (meta) return { $ref: REF(meta.id) };
  return clean(z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonSchema);
}

function parametersOf(schema: z.ZodType | undefined, where: "path" | "query"): JsonSchema[] {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, prop]) => {
    const { description, ...rest } = prop as { description?: string };
    const p: JsonSchema = { name, in: where, required: where === "path" || (json.required ?? []).includes(name), schema: rest };
    if (description) p.description = description;
    return p;
  });
}

export interface OpenApiInfo {
  readonly title: string;
  readonly version: string;
  readonly description: string;
}

export function buildOpenApiDocument(routes: readonly RouteSpec<any, any, any>[], info: OpenApiInfo): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const r of routes) {
    const path = r.url.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
    const op: JsonSchema = {
      operationId: r.operationId,
      summary: r.summary,
      tags: [...r.tags],
      parameters: [...parametersOf(r.params, "path"), ...parametersOf(r.query, "query")],
      responses: {},
    };
    if (r.description) op.description = r.description;
    if (r.write) op.security = [{ bearerAuth: [] }];
    if (r.body || r.bodyKind === "yaml") {
      op.requestBody =
        r.bodyKind === "yaml"
          ? {
              required: true,
              content: {
                "application/yaml": {
                  schema: { type: "string", description: "A deal file (YAML)" },
                  ...(r.example === undefined ? {} : { example: r.example }),
                },
                "text/plain": { schema: { type: "string" } },
              },
            }
          : {
              required: true,
              content: {
                "application/json": {
                  schema: schemaFor(r.body as z.ZodType, "input"),
                  ...(r.example === undefined ? {} : { example: r.example }),
                },
              },
            };
    }
    const responses: Record<string, JsonSchema> = {};
    for (const [status, spec] of Object.entries(r.responses)) {
      const content = spec.schema ? { [spec.contentType ?? "application/json"]: { schema: schemaFor(spec.schema, "output") } } : undefined;
      responses[status] = content ? { description: spec.description, content } : { description: spec.description };
    }
    const error = (description: string): JsonSchema => ({
      description,
      content: { "application/json": { schema: { $ref: REF("Error") } } },
    });
    if (r.body || r.query || r.params) responses["400"] ??= error("Bad input: the message and `details` say what to fix");
    if (r.write) {
      responses["401"] ??= error("Missing or wrong bearer token");
      responses["403"] ??= error("Writes are disabled (the server has no TRANCHE_API_TOKEN)");
    }
    if (r.body || r.bodyKind === "yaml") responses["413"] ??= error("The body is larger than the limit");
    op.responses = responses;
    paths[path] ??= {};
    paths[path][r.method.toLowerCase()] = op;
  }

  type Components = { schemas: Record<string, JsonSchema> };
  const asInput = z.toJSONSchema(apiSchemas, { uri: REF, io: "input", unrepresentable: "any" }) as Components;
  const asOutput = z.toJSONSchema(apiSchemas, { uri: REF, io: "output", unrepresentable: "any" }) as Components;
  const schemas: Record<string, JsonSchema> = {};
  for (const id of Object.keys(asOutput.schemas)) {
    const wantsInput = ioById.get(id) === "input";
    schemas[id] = clean((wantsInput ? asInput : asOutput).schemas[id]);
  }

  return {
    openapi: "3.1.0",
    info: { title: info.title, version: info.version, description: info.description },
    servers: [{ url: "/" }],
    tags: [...new Set(routes.flatMap((r) => r.tags))].map((name) => ({ name })),
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          description: "The server's TRANCHE_API_TOKEN. Needed for writes only; reads are open.",
        },
      },
    },
  };
}
