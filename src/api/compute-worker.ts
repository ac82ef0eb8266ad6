/**
 * Worker-thread entry of the compute pool: runs one `ComputeTask` per message
 * and answers `{id, ok, result | failure}`. Input errors keep their status
 * (an `ApiError` thrown while loading a deal is a 404/422, not a crash).
 * Results travel as JSON text: one string is far cheaper to pass between
 * threads than a large object graph, and the server need not serialize it.
 */
import { parentPort } from "node:worker_threads";
import { performance } from "node:perf_hooks";
import { ApiError } from "./errors.js";
import { prepareComputeTask, runComputeTask, type ComputeTask } from "./compute-tasks.js";
import type { WorkerReply } from "../compute/worker-pool.js";

if (!parentPort) throw new Error("compute-worker.ts must run in a worker thread");
const port = parentPort;

port.on("message", async (message: { id: number; task: ComputeTask }) => {
  const t0 = performance.now();
  let reply: WorkerReply;
  try {
    // Serialized here, off the server's event loop; the server sends the text as is.
    await prepareComputeTask(message.task);
    const result = JSON.stringify(runComputeTask(message.task));
    reply = { id: message.id, ok: true, result, ms: performance.now() - t0 };
  } catch (error) {
    if (error instanceof ApiError) {
      reply = { id: message.id, ok: false, failure: { status: error.status, code: error.code, message: error.message, details: error.details } };
    } else if (error instanceof RangeError) {
      // The engine rejects impossible inputs (e.g. a vector out of range) with a RangeError.
      reply = { id: message.id, ok: false, failure: { status: 422, code: "unprocessable", message: error.message } };
    } else {
      const e = error as Error;
      console.error(`compute task ${message.task.kind} failed:`, e?.stack ?? e);
      reply = { id: message.id, ok: false, failure: { status: 500, code: "compute_failed", message: `the ${message.task.kind} run failed inside the engine: ${e?.message ?? String(e)}` } };
    }
  }
  port.postMessage(reply);
});
