/** Health: is the server up, and how busy is its compute pool. */
import { z } from "zod";
import type { ApiContext } from "../context.js";
import { named } from "../openapi.js";
import { route, type RouteSpec } from "../route.js";

const healthSchema = named(
  "Health",
  z.object({
    status: z.literal("ok"),
    deals: z.number().int(),
    pool: z.object({
      size: z.number().int(),
      busy: z.number().int(),
      queued: z.number().int(),
      completed: z.number().int(),
      timedOut: z.number().int(),
      restarts: z.number().int(),
    }),
  }),
);

export function systemRoutes(ctx: ApiContext): RouteSpec<any, any, any>[] {
  return [
    route({
      method: "GET",
      url: "/api/health",
      operationId: "health",
      summary: "Server status and compute pool load",
      tags: ["system"],
      responses: { 200: { description: "Up", schema: healthSchema } },
      handler: () => ({ status: "ok" as const, deals: ctx.catalog.ids().length, pool: ctx.pool.stats() }),
    }),
  ];
}
