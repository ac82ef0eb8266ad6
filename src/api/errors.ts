/**
 * Errors the API answers with: always JSON `{error: {status, code, message,
 * details?}}`, never a stack trace. A handler throws `ApiError` for anything
 * the caller can fix; everything else is logged and answered as a 500.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

export interface ErrorBody {
  error: {
    status: number;
    code: string;
    message: string;
    details?: unknown;
  };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export function errorBody(status: number, code: string, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { status, code, message } : { status, code, message, details } };
}

/** Fastify's own errors (body parsing, limits) mapped to messages that say what to fix. */
function fromFastify(error: FastifyError, request: FastifyRequest): ApiError | null {
  switch (error.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new ApiError(413, "body_too_large", `request body is larger than the ${request.routeOptions.bodyLimit ?? 0} byte limit; send a smaller body`);
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new ApiError(
        415,
        "unsupported_media_type",
        `content type "${request.headers["content-type"] ?? ""}" is not accepted here: send application/json (or application/yaml for deal files)`,
      );
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return new ApiError(400, "empty_body", "the body is empty: send a JSON object");
    case "FST_ERR_CTP_INVALID_JSON_BODY":
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return new ApiError(400, "malformed_body", `the body is not valid JSON: ${error.message}`);
    default:
      break;
  }
  if (error instanceof SyntaxError || (error as { type?: string }).type === "entity.parse.failed") {
    return new ApiError(400, "malformed_body", `the body is not valid JSON: ${error.message}`);
  }
  if (typeof error.statusCode === "number" && error.statusCode >= 400 && error.statusCode < 500) {
    return new ApiError(error.statusCode, (error.code ?? "bad_request").toLowerCase(), error.message);
  }
  return null;
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const api = error instanceof ApiError ? error : fromFastify(error, request);
    if (api) {
      for (const [k, v] of Object.entries(api.headers)) reply.header(k, v);
      return reply.status(api.status).type("application/json").send(errorBody(api.status, api.code, api.message, api.details));
    }
    request.log.error({ err: error }, "unhandled error");
    return reply
      .status(500)
      .type("application/json")
      .send(errorBody(500, "internal", "internal error; the server log has the details (request id " + request.id + ")"));
  });
}

/**
 * Unknown paths: JSON 404s for the API; with `spa`, other GETs of paths
 * without a file extension get the web app's index.html (client-side routes).
 */
export function installNotFoundHandler(app: FastifyInstance, spa: boolean): void {
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split("?")[0];
    if (spa && request.method === "GET" && !path.startsWith("/api/") && !/\.[a-z0-9]+$/i.test(path)) {
      return reply.sendFile("index.html");
    }
    return reply
      .status(404)
      .type("application/json")
      .send(errorBody(404, "not_found", `no route ${request.method} ${path}; see /openapi.json or /docs`));
  });
}
