/**
 * Writes need `Authorization: Bearer <token>`, the token being the server's
 * `TRANCHE_API_TOKEN`. With no token configured every write is refused (403):
 * a server nobody configured for writes must not accept them. Reads are open.
 */
import { timingSafeEqual } from "node:crypto";
import type { FastifyRequest } from "fastify";
import { ApiError } from "./errors.js";

export function checkWriteAuthorization(request: FastifyRequest, token: string | undefined): void {
  if (token === undefined || token === "") {
    throw new ApiError(403, "writes_disabled", "writes are disabled on this server: start it with TRANCHE_API_TOKEN set to enable them");
  }
  const header = request.headers.authorization;
  if (header === undefined || header === "") {
    throw new ApiError(401, "unauthorized", "this endpoint writes: send the header Authorization: Bearer <TRANCHE_API_TOKEN>", undefined, {
      "WWW-Authenticate": 'Bearer realm="tranche"',
    });
  }
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m) {
    throw new ApiError(401, "unauthorized", 'the Authorization header must read "Bearer <token>"', undefined, {
      "WWW-Authenticate": 'Bearer realm="tranche", error="invalid_request"',
    });
  }
  const given = Buffer.from(m[1]);
  const expected = Buffer.from(token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new ApiError(401, "unauthorized", "the bearer token is wrong", undefined, {
      "WWW-Authenticate": 'Bearer realm="tranche", error="invalid_token"',
    });
  }
}
