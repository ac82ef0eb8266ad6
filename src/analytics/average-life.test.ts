import { describe, expect, it } from "vitest";
import { averageLife } from "./average-life.js";

describe("average life (STANDARDS §5)", () => {
  it("weights receipt times by principal", () => {
    const flows = [
      { time: 1, interest: 5, principal: 25 },
      { time: 2, interest: 4, principal: 25 },
      { time: 4, interest: 2, principal: 50 },
    ];
    expect(averageLife(flows)).toBeCloseTo(0.25 + 0.5 + 2, 14);
  });

  it("leaves accretion (negative principal) out by default, includes it for negative amortization", () => {
    const flows = [
      { time: 1, interest: 0, principal: -10 },
      { time: 3, interest: 0, principal: 110 },
    ];
    expect(averageLife(flows)).toBeCloseTo(3, 14);
    expect(averageLife(flows, { negativePrincipal: "include" })).toBeCloseTo((-10 + 330) / 100, 14);
  });

  it("is null for an interest-only class", () => {
    expect(averageLife([{ time: 1, interest: 5, principal: 0 }])).toBeNull();
  });
});
