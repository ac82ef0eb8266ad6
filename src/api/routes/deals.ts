/** Deals: list, fetch (structure, provenance, credit support), validate an uploaded deal file. */
import { z } from "zod";
import { parseDealText } from "../../deal/parse-deal.js";
import { DealFileError, DealValidationError } from "../../deal/problems.js";
import { creditSupport, summarize } from "../catalog.js";
import type { ApiContext } from "../context.js";
import { dealDetailSchema, dealIdParamsSchema, dealListSchema, validationResultSchema } from "../schemas.js";
import { route, type RouteSpec } from "../route.js";

const EXAMPLE_YAML = `provenance: {modeled: "example"}
formatVersion: 1
id: my-deal
name: "My Trust 2024-1"
# ... the rest of a deal file (see deals/cwalt-2007-12t1.yaml)
`;

export function dealRoutes(ctx: ApiContext): RouteSpec<any, any, any>[] {
  return [
    route({
      method: "GET",
      url: "/api/deals",
      operationId: "listDeals",
      summary: "List the deals this server offers",
      tags: ["deals"],
      responses: { 200: { description: "The deals, by id", schema: dealListSchema } },
      handler: () => ({
        deals: ctx.catalog.ids().flatMap((id) => {
          try {
            return [summarize(ctx.catalog.get(id))];
          } catch {
            return []; // an invalid file is reported by GET /api/deals/{id}, not here
          }
        }),
      }),
    }),
    route({
      method: "GET",
      url: "/api/deals/:dealId",
      operationId: "getDeal",
      summary: "A deal's structure as signed: classes, collateral, rules with PSA sections, provenance of every value",
      tags: ["deals"],
      params: dealIdParamsSchema,
      responses: {
        200: { description: "The deal", schema: dealDetailSchema },
        404: { description: "No such deal" },
        422: { description: "The deal file does not validate (details lists each problem with file, line and field)" },
      },
      handler: ({ params }) => {
        const loaded = ctx.catalog.get(params.dealId, "signed");
        return {
          summary: summarize(loaded),
          deal: loaded.base,
          provenance: loaded.provenance.entries().map((r) => ({ path: r.path, kind: r.kind, source: r.source })),
          creditSupport: creditSupport(loaded.base),
        };
      },
    }),
    route({
      method: "POST",
      url: "/api/deals/validate",
      operationId: "validateDeal",
      summary: "Validate an uploaded deal file (YAML body); problems come back with line, column and field path",
      description:
        "Send the deal file as the raw body with Content-Type application/yaml. Answers 200 with valid: true and the deal's summary, or 422 with every problem located. Nothing is stored.",
      tags: ["deals"],
      bodyKind: "yaml",
      query: z.object({ fileName: z.string().max(200).default("upload.yaml").describe("Name used in problem locations") }),
      example: EXAMPLE_YAML,
      responses: {
        200: { description: "The deal is valid", schema: validationResultSchema },
        422: { description: "The deal is not valid: `errors` lists each problem", schema: validationResultSchema },
      },
      handler: ({ request, reply, query }) => {
        const text = request.body as string;
        try {
          const loaded = parseDealText(text, query.fileName);
          return { valid: true, summary: summarize(loaded), errors: [] };
        } catch (error) {
          if (error instanceof DealValidationError) {
            reply.status(422);
            return { valid: false, errors: error.errors };
          }
          if (error instanceof DealFileError) {
            reply.status(422);
            const errors = error.problems.length
              ? error.problems
              : [{ file: query.fileName, line: 1, column: 1, path: "", message: error.message }];
            return { valid: false, errors };
          }
          throw error;
        }
      },
    }),
  ];
}
