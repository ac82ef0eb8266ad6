/**
 * One route = one record: method, path, zod schemas for params, query, body and
 * responses, and a handler. The same record registers the fastify route
 * (validating input with zod, so errors read like the rest of Tranche) and
 * writes its OpenAPI operation (`openapi.ts`), so docs and behaviour cannot drift.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { checkWriteAuthorization } from "./auth.js";
import { ApiError } from "./errors.js";

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

export interface ResponseSpec {
  readonly description: string;
  readonly schema?: z.ZodType;
  /** Default application/json. */
  readonly contentType?: string;
}

export interface RouteContext<P, Q, B> {
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
}

export interface RouteSpec<P = unknown, Q = unknown, B = unknown> {
  readonly method: HttpMethod;
  /** Fastify path, `:name` for parameters. */
  readonly url: string;
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  readonly tags: readonly string[];
  /** Needs `Authorization: Bearer $TRANCHE_API_TOKEN`. */
  readonly write?: boolean;
  readonly params?: z.ZodType<P>;
  readonly query?: z.ZodType<Q>;
  readonly body?: z.ZodType<B>;
  /** "yaml": the body is the raw text of a YAML document (application/yaml or text/plain). */
  readonly bodyKind?: "json" | "yaml";
  /** An example request body, shown in the docs and prefilled in their try-it form. */
  readonly example?: unknown;
  /** Per-route body limit in bytes (default: the server's). */
  readonly bodyLimit?: number;
  readonly responses: Readonly<Record<number, ResponseSpec>>;
  readonly handler: (ctx: RouteContext<P, Q, B>) => unknown;
}

/** Typed constructor: infers P, Q, B from the schemas. */
export function route<P = Record<string, never>, Q = Record<string, never>, B = undefined>(
  spec: RouteSpec<P, Q, B>,
): RouteSpec<P, Q, B> {
  return spec;
}

export interface InputProblem {
  readonly in: "path" | "query" | "body";
  readonly path: string;
  readonly message: string;
}

function problemPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += out === "" ? String(seg) : `.${String(seg)}`;
  }
  return out;
}

type Issue = z.core.$ZodIssue;

/**
 * A union's "Invalid input" says nothing useful: report the issues of the
 * branch that got furthest (its first issue has the longest path), e.g. a
 * scenario object's bad field rather than "not a string".
 */
function explain(issue: Issue): Issue[] {
  if (issue.code !== "invalid_union" || issue.errors.length === 0) return [issue];
  const depth = (branch: readonly Issue[]) => Math.max(...branch.map((i) => i.path.length));
  const best = [...issue.errors].sort((a, b) => depth(b) - depth(a))[0];
  if (depth(best) === 0) return [issue];
  return best.flatMap((i) => explain({ ...i, path: [...issue.path, ...i.path] } as Issue));
}

function parseInput<T>(schema: z.ZodType<T> | undefined, value: unknown, where: InputProblem["in"]): T {
  if (!schema) return value as T;
  const r = schema.safeParse(value ?? (where === "body" ? undefined : {}));
  if (r.success) return r.data;
  const problems: InputProblem[] = r.error.issues.flatMap(explain).map((issue) => ({
    in: where,
    path: problemPath(issue.path),
    message: issue.message,
  }));
  const summary = problems
    .slice(0, 5)
    .map((p) => (p.path === "" ? `${p.in}: ${p.message}` : `${p.in} ${p.path}: ${p.message}`))
    .join("; ");
  throw new ApiError(400, "invalid_request", summary + (problems.length > 5 ? `; and ${problems.length - 5} more` : ""), problems);
}

export function registerRoute(app: FastifyInstance, spec: RouteSpec<any, any, any>, writeToken: () => string | undefined): void {
  app.route({
    method: spec.method,
    url: spec.url,
    bodyLimit: spec.bodyLimit,
    handler: async (request, reply) => {
      if (spec.write) checkWriteAuthorization(request, writeToken());
      if (spec.bodyKind === "yaml" && typeof request.body !== "string") {
        throw new ApiError(415, "unsupported_media_type", "send the deal file as the raw body with Content-Type: application/yaml");
      }
      const params = parseInput(spec.params, request.params, "path");
      const query = parseInput(spec.query, request.query, "query");
      const body = parseInput(spec.body, request.body, "body");
      const result = await spec.handler({ params, query, body, request, reply });
      if (reply.sent) return reply;
      return result;
    },
  });
}
