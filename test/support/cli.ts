/**
 * Runs the `tranche` CLI in-process (no build needed) and captures what it prints.
 */
import { vi } from "vitest";
import { main } from "../../src/cli/main.js";

/** Runs the CLI in-process and captures what it prints. */
export async function tranche(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => ((stdout += chunk.toString()), true));
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => ((stderr += chunk.toString()), true));
  try {
    process.exitCode = undefined;
    const code = await main(["node", "tranche", ...args]);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.exitCode = undefined;
  }
}

