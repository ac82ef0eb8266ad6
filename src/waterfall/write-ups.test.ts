import { describe, expect, it } from "vitest";
import { writeUps } from "./write-ups.js";

describe("Subsequent Recoveries: write-ups in the order of payment priority", () => {
  it("raises the most senior class with unrecovered losses first, each up to its losses", () => {
    const ups = writeUps(150, [
      { id: "A-5", unrecovered: 0 },
      { id: "M", unrecovered: 100 },
      { id: "B-1", unrecovered: 80 },
      { id: "B-2", unrecovered: 30 },
    ]);
    expect([...ups]).toEqual([
      ["M", 100],
      ["B-1", 50],
    ]);
  });

  it("writes up no more than the losses allocated (the rest is simply principal)", () => {
    const ups = writeUps(500, [{ id: "B-5", unrecovered: 120 }]);
    expect(ups.get("B-5")).toBe(120);
  });
});
