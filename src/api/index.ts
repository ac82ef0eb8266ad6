/** The HTTP API layer: `buildServer` and what its tests and the `serve` command need. */
export { buildServer, API_VERSION, type ServerOptions, type TrancheServer } from "./server.js";
export { ApiError } from "./errors.js";
export { runComputeTask, runProjection, runAmendmentDiff, type ComputeTask, type AmendmentDiffResponse } from "./compute-tasks.js";
export { WorkerPool, PoolBusyError, PoolTimeoutError, TaskFailure } from "../compute/worker-pool.js";
