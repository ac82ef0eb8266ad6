/**
 * A 200 MB tape (over 4 million rows): streamed, never held whole. With a bad row early the
 * reader still checks every row (all problems at once) and keeps no loan; the problems
 * name their rows. Past `maxLoans` rows it stops with a clear error.
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { TapeError } from "./problems.js";
import { readTapeFile } from "./read-tape.js";

describe("a 200 MB tape", () => {
  it("is streamed: every problem by row, no loan kept after the first problem, memory under 1.5 GB", async () => {
    const dir = mkdtempSync(join(tmpdir(), "big-tape-"));
    const file = join(dir, "big.csv");
    const out = createWriteStream(file);
    out.write("loan_id,group,current_balance,note_rate,original_term,age,product,state,fico,ltv\n");
    let rows = 0;
    let chunk = "";
    while (out.bytesWritten + out.writableLength < 200 * 1024 * 1024) {
      for (let k = 0; k < 10_000; k++) {
        rows++;
        const bad = rows === 100 ? "12x4" : rows === 1_500_000 ? "" : (100000 + (rows % 9000) * 37.25).toFixed(2);
        chunk += `L${rows},1,${bad},6.5,360,${rows % 30},Fixed,CA,${600 + (rows % 200)},${40 + (rows % 55)}.25\n`;
      }
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
    out.end();
    await once(out, "finish");
    expect(statSync(file).size).toBeGreaterThan(200 * 1024 * 1024);
    const before = process.memoryUsage().rss;
    let peak = before;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    try {
      await readTapeFile(file, { maxLoans: 10_000_000 });
      throw new Error("expected a TapeError");
    } catch (e) {
      expect(e).toBeInstanceOf(TapeError);
      const t = e as TapeError;
      expect(t.problems.map((p) => [p.row, p.column, p.message])).toEqual([
        [101, "current_balance", '"12x4" is not a number'],
        [1_500_001, "current_balance", "is blank"],
      ]);
    } finally {
      clearInterval(timer);
      rmSync(dir, { recursive: true, force: true });
    }
    // What memory holds is every loan id (duplicates are found across the whole file) and
    // the collector's slack, not the file: the rows are counted in the log line below.
    console.log(`${rows} rows, peak RSS growth ${Math.round((peak - before) / 1e6)} MB`);
    expect(peak - before).toBeLessThan(1.5 * 1024 * 1024 * 1024);
  }, 180_000);

  it("stops at maxLoans rows even when no loan is kept (a problem came first)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "big-tape-"));
    const file = join(dir, "t.csv");
    const body = Array.from({ length: 5000 }, (_, i) => `L${i},1,${i === 0 ? "x" : 1000},6.5,360,0,Fixed,CA,700,80`).join("\n");
    const out = createWriteStream(file);
    out.end("loan_id,group,current_balance,note_rate,original_term,age,product,state,fico,ltv\n" + body + "\n");
    await once(out, "finish");
    await expect(readTapeFile(file, { maxLoans: 1000 })).rejects.toThrow(/t\.csv:1002  the tape has more than 1,000 loans/);
    rmSync(dir, { recursive: true, force: true });
  });
});
