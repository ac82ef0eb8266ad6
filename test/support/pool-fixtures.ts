/** Generic pools the pool tests share (STANDARDS.md §4, §5). */
import type { PoolSpec } from "../../src/collateral/pool-cash-flow.js";

/** 100,000,000 at 8% WAC / 7.5% net, 360 months, new: 150% PSA, 100% SDA, 20% severity, 12-month lag, advancing. */
export const SIFMA_DEFAULTS_POOL: PoolSpec = {
  balance: 100_000_000,
  wac: 8,
  net: 7.5,
  term: 360,
  age: 0,
  prepayment: { unit: "psa", values: [150] },
  default: { unit: "sda", values: [100] },
  severity: [20],
  lag: 12,
  advancing: true,
};

/** A GNMA I 9% pass-through on 9.5% mortgages, 1,000,000, new, no defaults; the speed is the table's. */
export const GNMA_I_9_POOL: Omit<PoolSpec, "prepayment"> = {
  balance: 1_000_000,
  wac: 9.5,
  net: 9,
  term: 360,
  age: 0,
  default: { unit: "cdr", values: [0] },
  severity: [0],
  lag: 0,
  advancing: true,
};
