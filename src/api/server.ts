/**
 * The HTTP API (fastify) and, when built, the web workbench.
 *
 * @example
 *   const app = await buildServer({ token: "secret" });
 *   await app.listen({ port: 8080, host: "127.0.0.1" });
 *   // GET /api/deals, POST /api/deals/cwalt-2007-12t1/projection {"scenario": "100 PPC, 2 CDR"}
 *   // POST /api/pool {"balance": 1000000, "wac": 9.5, "net": 9, "term": 360, "prepayment": {"unit": "psa", "values": [150]}}
 *   // GET /openapi.json, GET /docs
 */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Fastify, { type FastifyInstance } from "fastify";
import fastifyStatic from "@fastify/static";
import { DealCatalog } from "./catalog.js";
import type { ApiContext } from "./context.js";
import { DOCS_PAGE } from "./docs-page.js";
import { installErrorHandlers, installNotFoundHandler } from "./errors.js";
import { buildOpenApiDocument } from "./openapi.js";
import { registerRoute, type RouteSpec } from "./route.js";
import { openStore, type Store } from "../store/open-store.js";
import { adminRoutes } from "./routes/admin.js";
import { editorRoutes } from "./routes/editor.js";
import { dealRoutes } from "./routes/deals.js";
import { poolRoutes } from "./routes/pool.js";
import { gridRoutes } from "./routes/grid.js";
import { runRoutes } from "./routes/runs.js";
import { systemRoutes } from "./routes/system.js";
import { WorkerPool } from "../compute/worker-pool.js";

export const API_VERSION = "0.1.0";

export interface ServerOptions {
  /** Directory of deal files (default the repository's `deals/`). */
  readonly dealsDirectory?: string;
  /** The bearer token for writes; undefined or "" disables writes (403). Default `TRANCHE_API_TOKEN`. */
  readonly token?: string;
  /** Built web app to serve at `/` (default `web/dist` when it exists; null: none). */
  readonly webRoot?: string | null;
  /** Compute workers (default 2). */
  readonly workers?: number;
  /** Run-time limit per request, ms (default 30 s). */
  readonly runTimeoutMs?: number;
  /** Runs allowed to wait for a worker (default 256). */
  readonly maxQueue?: number;
  /** Body size limit, bytes (default 1 MiB). */
  readonly bodyLimit?: number;
  readonly logger?: boolean;
  /**
   * The trustee's store (an open `Store`, or a location for `openStore`: a SQLite
   * file or a postgres:// URL). Without one the administration routes are absent.
   */
  readonly store?: Store | string;
  /** Where deals saved from the workbench are written out to be served (default: a new temporary folder). */
  readonly savedDealsDirectory?: string;
  /** Extra routes (tests). */
  readonly extraRoutes?: (ctx: ApiContext) => RouteSpec<any, any, any>[];
}

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, "package.json"))) return dir;
    dir = dirname(dir);
  }
  return resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
}

/** The compute worker next to this module: `.ts` under tsx/vitest, `.js` from dist. */
function workerUrl(): URL {
  const ext = import.meta.url.endsWith(".ts") ? "ts" : "js";
  return new URL(`./compute-worker.${ext}`, import.meta.url);
}

export type TrancheServer = FastifyInstance & { readonly pool: WorkerPool };

export async function buildServer(options: ServerOptions = {}): Promise<TrancheServer> {
  const token = options.token ?? process.env.TRANCHE_API_TOKEN;
  const app = Fastify({
    logger: options.logger ? { level: "info" } : false,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
  });
  installErrorHandlers(app);

  // Deal files arrive as raw YAML text.
  app.addContentTypeParser(
    ["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain"],
    { parseAs: "string" },
    (_request, body, done) => done(null, body),
  );

  const pool = new WorkerPool({
    workerUrl: workerUrl(),
    size: options.workers ?? 2,
    timeoutMs: options.runTimeoutMs ?? 30_000,
    maxQueue: options.maxQueue ?? 256,
  });
  app.addHook("onClose", async () => {
    await pool.close();
  });

  let store: Store | undefined;
  if (typeof options.store === "string") {
    store = await openStore(options.store);
    const opened = store;
    app.addHook("onClose", async () => {
      await opened.close();
    });
  } else {
    store = options.store;
  }

  const ctx: ApiContext = {
    catalog: new DealCatalog(options.dealsDirectory),
    pool,
    runTimeoutMs: options.runTimeoutMs ?? 30_000,
  };
  const routes: RouteSpec<any, any, any>[] = [
    ...dealRoutes(ctx),
    ...runRoutes(ctx),
    ...poolRoutes(ctx),
    ...gridRoutes(ctx),
    ...(store ? adminRoutes(ctx, store) : []),
    ...(await editorRoutes(ctx, store, options.savedDealsDirectory)),
    ...(options.extraRoutes?.(ctx) ?? []),
    ...systemRoutes(ctx),
  ];
  for (const r of routes) registerRoute(app, r, () => token);

  const openapi = buildOpenApiDocument(routes, {
    title: "Tranche API",
    version: API_VERSION,
    description:
      "Private-label MBS deals run the way their PSAs say they run. Reads are open; writes need Authorization: Bearer <TRANCHE_API_TOKEN>. Runs execute in a worker pool with a time limit per request.",
  });
  app.get("/openapi.json", async () => openapi);
  app.get("/docs", async (_req, reply) => reply.type("text/html; charset=utf-8").send(DOCS_PAGE));

  const webRoot = options.webRoot === undefined ? join(repoRoot(), "web", "dist") : options.webRoot;
  // A web root given explicitly is served even before its build lands in it.
  if (webRoot && (options.webRoot !== undefined || existsSync(join(webRoot, "index.html")))) {
    await app.register(fastifyStatic, { root: webRoot, prefix: "/", index: ["index.html"], wildcard: true });
    installNotFoundHandler(app, true);
  } else {
    installNotFoundHandler(app, false);
    app.get("/", async (_req, reply) =>
      reply
        .type("text/html; charset=utf-8")
        .send(
          `<!doctype html><meta charset="utf-8"><title>Tranche</title><p>The web workbench is not built: run <code>npm run build:web</code>. The API is at <a href="/docs">/docs</a>.</p>`,
        ),
    );
  }
  return Object.assign(app as unknown as FastifyInstance, { pool });
}
