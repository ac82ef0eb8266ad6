/**
 * `tranche serve`: the HTTP API, its docs (/docs, /openapi.json) and the web
 * workbench (web/dist) on one port. Writes need TRANCHE_API_TOKEN set in the
 * environment (clients send it as a bearer token); without it the server is read-only.
 *
 * @example tranche serve --port 8080 --host 127.0.0.1
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import { buildServer } from "../../api/server.js";
import { isPostgresUrl, resolveStoreLocation, StoreError } from "../../store/open-store.js";
import { UserError } from "../user-error.js";

interface ServeFlags {
  port: string;
  host: string;
  db?: string;
  deals?: string;
  workers: string;
  timeout: string;
  web?: string;
  log?: boolean;
}

function integer(text: string, what: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) throw new UserError(`--${what} must be a whole number from ${min} to ${max}, not "${text}"`);
  return n;
}

export function register(program: Command): void {
  program
    .command("serve")
    .description("Serve the HTTP API, its docs and the web workbench")
    .option("--port <port>", "port to listen on", "8080")
    .option("--host <host>", "interface to listen on (0.0.0.0 for every interface)", "127.0.0.1")
    .option("--db <file|url>", "the store of posted remittances and statements: a SQLite file or a postgres:// URL (default TRANCHE_DB, else .tranche/tranche.db)")
    .option("--deals <dir>", "directory of deal files (default the repository's deals/)")
    .option("--workers <n>", "compute worker threads", "2")
    .option("--timeout <ms>", "run-time limit per request, milliseconds", "30000")
    .option("--web <dir>", "built web app to serve (default web/dist)")
    .option("--log", "log each request")
    .action(async (flags: ServeFlags) => {
      const port = integer(flags.port, "port", 0, 65535);
      const workers = integer(flags.workers, "workers", 1, 16);
      const runTimeoutMs = integer(flags.timeout, "timeout", 100, 3_600_000);
      const dealsDirectory = flags.deals === undefined ? undefined : resolve(flags.deals);
      if (dealsDirectory && !existsSync(dealsDirectory)) throw new UserError(`--deals: no directory ${dealsDirectory}`);
      const webRoot = flags.web === undefined ? undefined : resolve(flags.web);
      if (webRoot && !existsSync(resolve(webRoot, "index.html"))) throw new UserError(`--web: ${webRoot} has no index.html; run npm run build:web`);
      const storeLocation = resolveStoreLocation(flags.db);
      let app;
      try {
        app = await buildServer({ dealsDirectory, webRoot, workers, runTimeoutMs, logger: flags.log ?? false, store: storeLocation });
      } catch (error) {
        if (error instanceof StoreError) throw new UserError(error.message);
        throw error;
      }
      try {
        await app.listen({ port, host: flags.host });
      } catch (error) {
        await app.close();
        const e = error as NodeJS.ErrnoException;
        if (e.code === "EADDRINUSE") throw new UserError(`port ${port} on ${flags.host} is in use; pick another with --port`);
        if (e.code === "EACCES") throw new UserError(`not allowed to listen on port ${port}; use a port above 1023`);
        throw error;
      }
      const address = app.server.address();
      const shown = typeof address === "object" && address ? `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}` : String(address);
      const writes = process.env.TRANCHE_API_TOKEN ? "writes need the bearer token in TRANCHE_API_TOKEN" : "read-only (set TRANCHE_API_TOKEN to allow writes)";
      process.stderr.write(`tranche: serving ${shown}  (workbench /, API docs /docs; store ${isPostgresUrl(storeLocation) ? "PostgreSQL" : storeLocation}; ${writes})\n`);
      await new Promise<void>((done) => {
        const stop = () => {
          process.stderr.write("tranche: stopping\n");
          void app.close().then(done);
        };
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
    });
}
