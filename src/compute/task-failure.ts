/** An error thrown by a unit of work → what a pool or queue reports for it: input problems 422, the rest 500. */
import { AmendmentError } from "../deal/amendments.js";
import { DealFileError, DealValidationError } from "../deal/problems.js";
import type { TaskFailureInfo } from "./worker-pool.js";

export function taskFailureOf(error: unknown, what: string): TaskFailureInfo {
  if (error instanceof DealValidationError || error instanceof AmendmentError || error instanceof DealFileError) {
    return { status: 422, code: "invalid_deal", message: error.message };
  }
  if (error instanceof RangeError) return { status: 422, code: "unprocessable", message: error.message };
  const e = error as Error;
  return { status: 500, code: "compute_failed", message: `the ${what} failed inside the engine: ${e?.stack ?? String(e)}` };
}
