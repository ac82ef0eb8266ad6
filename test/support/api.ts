/** Helpers for tests that call the HTTP API in-process (`app.inject`). */
import { expect } from "vitest";

/** A response body as loosely typed JSON. */
export const json = (body: string) => JSON.parse(body) as any;

/** What the API sends for a library value: the value through JSON. */
export const wire = (value: unknown) => JSON.parse(JSON.stringify(value));

/** Asserts an error response `{error: {status, message}}`; returns its `error`. */
export function expectApiError(res: { statusCode: number; body: string }, status: number, message: RegExp) {
  expect(res.statusCode, res.body).toBe(status);
  const body = json(res.body);
  expect(body.error.status).toBe(status);
  expect(body.error.message).toMatch(message);
  return body.error;
}
