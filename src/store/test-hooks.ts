/**
 * A hook for the crash tests only: when TRANCHE_TEST_PAUSE_BEFORE_COMMIT_MS is
 * set, a posting transaction that has written everything pauses that long just
 * before it commits, after creating the file named by TRANCHE_TEST_PAUSE_MARKER
 * (if set), so a test can kill the process (SIGKILL) inside the transaction and
 * check the store is as it was before. Does nothing otherwise.
 */
import { writeFileSync } from "node:fs";

export async function pauseBeforeCommitForTests(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const ms = Number(env.TRANCHE_TEST_PAUSE_BEFORE_COMMIT_MS ?? "");
  if (!(ms > 0)) return;
  if (env.TRANCHE_TEST_PAUSE_MARKER) writeFileSync(env.TRANCHE_TEST_PAUSE_MARKER, String(process.pid));
  await new Promise((resolve) => setTimeout(resolve, ms));
}
