/**
 * The Mortgage Rate of a loan for one month of its life. A fixed-rate loan keeps
 * its rate. A hybrid ARM (2006-HY12 §3) keeps its start rate until the first
 * reset age, then at each reset takes index + margin, rounded to the increment,
 * limited by the initial cap (first reset) or periodic cap (later resets) around
 * the previous rate, the lifetime cap (start rate + cap) and the floor.
 */
import type { ArmTerms } from "../../deal/schema.js";

function roundTo(value: number, increment: number, method: ArmTerms["roundingMethod"]): number {
  const units = value / increment;
  const snapped = Math.round(units * 1e9) / 1e9;
  const whole = method === "up" ? Math.ceil(snapped) : method === "down" ? Math.floor(snapped) : Math.round(snapped);
  return Math.round(whole * increment * 1e9) / 1e9;
}

/**
 * Rate for the month from loan age `age` to `age + 1`: the one set at the latest
 * reset age ≤ `age`, from `indexAt(resetAge)` (percent).
 *
 * @example monthlyMortgageRate({startRate: 6.375, arm: fiveOne}, 10, () => 5.3) // 6.375 (before the first reset)
 */
export function monthlyMortgageRate(input: {
  readonly startRate: number;
  readonly arm: ArmTerms | undefined;
  readonly age: number;
  readonly indexAt: (resetAge: number) => number;
}): number {
  const { arm, startRate, age } = input;
  if (!arm || age < arm.firstResetAge) return startRate;
  let rate = startRate;
  for (let reset = arm.firstResetAge; reset <= age; reset += arm.resetFrequency) {
    const cap = reset === arm.firstResetAge ? arm.initialCap : arm.periodicCap;
    let next = roundTo(input.indexAt(reset) + arm.margin, arm.rounding, arm.roundingMethod);
    next = Math.min(next, rate + cap, startRate + arm.lifetimeCap);
    next = Math.max(next, rate - cap, arm.floor);
    rate = next;
  }
  return rate;
}
