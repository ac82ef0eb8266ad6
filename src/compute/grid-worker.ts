/**
 * Worker-thread entry of the compute pool used by `tranche grid --workers N` and
 * `tranche worker`: runs one `WorkItem` per message (`{id, task}`) and answers a
 * `WorkerReply` with its result. A deal document is parsed once per worker
 * (cached by its content hash).
 */
import { parentPort } from "node:worker_threads";
import { performance } from "node:perf_hooks";
import { taskFailureOf } from "./task-failure.js";
import { runWork, type WorkItem } from "./work.js";
import type { WorkerReply } from "./worker-pool.js";

if (!parentPort) throw new Error("grid-worker.ts must run in a worker thread");
const port = parentPort;

port.on("message", (message: { id: number; task: WorkItem }) => {
  const t0 = performance.now();
  let reply: WorkerReply;
  try {
    reply = { id: message.id, ok: true, result: runWork(message.task), ms: performance.now() - t0 };
  } catch (error) {
    reply = { id: message.id, ok: false, failure: taskFailureOf(error, message.task.kind) };
  }
  port.postMessage(reply);
});
