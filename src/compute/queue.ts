/**
 * Work on a BullMQ queue in Redis, for a cluster of machines: the submitter
 * (`tranche grid --queue redis://…`) stores each deal document once under its
 * content hash and adds one job per chunk, whose id is derived from the deal's
 * hash and the chunk's payload (`workId`), so a resubmitted grid finds its
 * finished chunks (BullMQ ignores an add with an existing id) and reuses their
 * results. `tranche worker --queue …` takes jobs on any machine, fetches the
 * deal document by hash (no shared disk) and runs them in its worker-thread
 * pool; a worker killed mid-job loses its lock, and BullMQ's stalled-job check
 * (run by the surviving workers) puts the job back to be run again. The
 * submitter keeps one result per chunk index, so each chunk's rows are written
 * exactly once, in grid order.
 */
import { Job, Queue, QueueEvents, UnrecoverableError, Worker } from "bullmq";
import { Redis } from "ioredis";
import type { DealDocument } from "./deal-document.js";
import { isWorkKind, workId, type WorkItem, type WorkKind, type WorkKinds } from "./work.js";
import { TaskFailure, type WorkerPool } from "./worker-pool.js";

export const QUEUE_NAME = "tranche-work";
const PREFIX = "tranche";
const dealKey = (hash: string) => `${PREFIX}:deal:${hash}`;

/** Job data: the kind, the deal document's hash (the document is stored once, by hash) and the payload. */
export interface WorkJobData {
  readonly kind: WorkKind;
  readonly dealHash: string;
  readonly payload: unknown;
}

export class QueueConnectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "QueueConnectionError";
  }
}

function redisUrl(url: string): string {
  if (!/^rediss?:\/\/[^\s]+$/.test(url)) throw new QueueConnectionError(`--queue "${url}": write redis://HOST:PORT (or rediss:// for TLS)`);
  return url;
}

/** A connection for BullMQ (blocking commands allowed, retrying while the run lasts). */
function connection(url: string): Redis {
  return new Redis(redisUrl(url), { maxRetriesPerRequest: null, lazyConnect: false });
}

/** Fails fast with a clear message when Redis cannot be reached (before anything is submitted or written). */
export async function checkRedis(url: string, timeoutMs = 3000): Promise<void> {
  const probe = new Redis(redisUrl(url), { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  probe.on("error", () => {});
  try {
    await probe.connect();
    await probe.ping();
  } catch (e) {
    throw new QueueConnectionError(`cannot reach Redis at ${url}: ${(e as Error).message || String(e)} (start it with \`redis-server --port PORT\`, or check the host and port)`);
  } finally {
    probe.disconnect();
  }
}

export interface SubmitOptions {
  /** Called once per item as its result arrives (index in the submitted list, and whether it was reused). */
  readonly onResult?: (index: number, reused: boolean) => void;
  readonly attempts?: number;
}

export interface SubmitOutcome<R> {
  readonly results: R[];
  /** Items whose finished job was already in the queue. */
  readonly reused: number;
}

/**
 * Adds the items as jobs (content-hash ids) and waits for every result; each
 * result lands in its item's slot once. A job that fails for good (bad input,
 * or every attempt used) rejects with its reason.
 */
export async function submitWork<K extends WorkKind>(url: string, items: readonly WorkItem<K>[], options: SubmitOptions = {}): Promise<SubmitOutcome<WorkKinds[K]["result"]>> {
  await checkRedis(url);
  const client = connection(url);
  const queue = new Queue<WorkJobData>(QUEUE_NAME, { connection: client, prefix: PREFIX });
  const eventsClient = connection(url);
  const events = new QueueEvents(QUEUE_NAME, { connection: eventsClient, prefix: PREFIX });
  try {
    await events.waitUntilReady();
    const stored = new Set<string>();
    for (const item of items) {
      if (stored.has(item.deal.hash)) continue;
      // Content-addressed: the same hash is the same text, so an existing key is kept.
      await client.set(dealKey(item.deal.hash), JSON.stringify(item.deal), "EX", 30 * 24 * 3600, "NX");
      await client.expire(dealKey(item.deal.hash), 30 * 24 * 3600);
      stored.add(item.deal.hash);
    }
    const results: WorkKinds[K]["result"][] = new Array(items.length);
    const have = new Array<boolean>(items.length).fill(false);
    let reused = 0;
    const jobs: Job<WorkJobData>[] = [];
    for (const item of items) {
      const jobId = workId(item.kind, item.deal.hash, item.payload);
      let job = await Job.fromId<WorkJobData>(queue, jobId);
      const state = job ? await job.getState() : "unknown";
      if (job && state === "failed") await job.retry(); // a resubmission gives a failed chunk another run
      if (!job) {
        job = await queue.add(item.kind, { kind: item.kind, dealHash: item.deal.hash, payload: item.payload }, {
          jobId,
          attempts: options.attempts ?? 3,
          backoff: { type: "fixed", delay: 500 },
          removeOnComplete: { age: 30 * 24 * 3600 },
          removeOnFail: { age: 7 * 24 * 3600 },
        });
      } else if (state === "completed") reused++;
      jobs.push(job);
    }
    await Promise.all(
      jobs.map(async (job, i) => {
        const wasDone = (await job.getState()) === "completed";
        const value = wasDone ? (await Job.fromId(queue, job.id!))!.returnvalue : await job.waitUntilFinished(events);
        if (have[i]) return; // exactly once per chunk
        have[i] = true;
        results[i] = value as WorkKinds[K]["result"];
        options.onResult?.(i, wasDone);
      }),
    );
    return { results, reused };
  } finally {
    await events.close();
    await queue.close();
    eventsClient.disconnect();
    client.disconnect();
  }
}

export interface QueueWorkerOptions {
  readonly url: string;
  /** Jobs run at once (= worker threads of the pool). */
  readonly concurrency: number;
  readonly pool: WorkerPool;
  /** A job's lock; a worker that stops renewing it (killed) has its job taken back after this. */
  readonly lockMs?: number;
  /** How often the stalled-job check runs. */
  readonly stalledCheckMs?: number;
  readonly log?: (line: string) => void;
}

/** Takes jobs from the queue and runs them on the pool until closed. */
export async function startQueueWorker(options: QueueWorkerOptions): Promise<{ close(): Promise<void> }> {
  await checkRedis(options.url);
  const client = connection(options.url);
  const documents = new Map<string, DealDocument>();
  const documentOf = async (hash: string): Promise<DealDocument> => {
    const hit = documents.get(hash);
    if (hit) return hit;
    const text = await client.get(dealKey(hash));
    if (text === null) throw new UnrecoverableError(`the deal document ${hash} is not in Redis (expired or never stored); resubmit the grid`);
    const doc = JSON.parse(text) as DealDocument;
    if (documents.size > 32) documents.clear();
    documents.set(hash, doc);
    return doc;
  };
  const workerClient = connection(options.url);
  const worker = new Worker<WorkJobData>(
    QUEUE_NAME,
    async (job) => {
      const { kind, dealHash, payload } = job.data;
      if (!isWorkKind(kind)) throw new UnrecoverableError(`unknown kind of work "${kind}" (this worker is older than the submitter?)`);
      const t0 = Date.now();
      const deal = await documentOf(dealHash);
      try {
        const result = await options.pool.run({ kind, deal, payload } as WorkItem);
        options.log?.(`job ${job.id} done (${kind}, ${Date.now() - t0} ms, attempt ${job.attemptsMade + 1})`);
        return result;
      } catch (e) {
        if (e instanceof TaskFailure && e.info.status < 500) throw new UnrecoverableError(e.message); // bad input: no retry
        throw e;
      }
    },
    {
      connection: workerClient,
      prefix: PREFIX,
      concurrency: options.concurrency,
      lockDuration: options.lockMs ?? 30_000,
      stalledInterval: options.stalledCheckMs ?? 15_000,
      maxStalledCount: 5,
    },
  );
  worker.on("error", (e) => options.log?.(`worker error: ${e.message}`));
  await worker.waitUntilReady();
  return {
    async close() {
      await worker.close();
      workerClient.disconnect();
      client.disconnect();
    },
  };
}
