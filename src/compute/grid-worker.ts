/**
 * Worker-thread entry of the grid pool (`tranche grid --workers N`): runs one
 * `GridChunk` per message (`{id, task: {kind: "gridChunk", chunk}}`) and
 * answers a `WorkerReply` with the chunk's cells. A deal document is parsed
 * once per worker (cached by its content hash).
 */
import { parentPort } from "node:worker_threads";
import { performance } from "node:perf_hooks";
import { runGridChunk, type GridChunk } from "./grid.js";
import { taskFailureOf } from "./task-failure.js";
import type { WorkerReply } from "./worker-pool.js";

if (!parentPort) throw new Error("grid-worker.ts must run in a worker thread");
const port = parentPort;

port.on("message", (message: { id: number; task: { kind: "gridChunk"; chunk: GridChunk } }) => {
  const t0 = performance.now();
  let reply: WorkerReply;
  try {
    reply = { id: message.id, ok: true, result: runGridChunk(message.task.chunk), ms: performance.now() - t0 };
  } catch (error) {
    reply = { id: message.id, ok: false, failure: taskFailureOf(error, "grid chunk") };
  }
  port.postMessage(reply);
});
