/**
 * Rep lines from a loan tape: the loans grouped by loan group, fixed or ARM (index,
 * hybrid period in years, reset frequency), interest-only or not, original term and,
 * with `rateStep`, note-rate band; each line the group's exact balance (to the cent)
 * with balance-weighted rate, age, remaining term and ARM terms, `loanCount` its loans.
 * The lines of a group add up to the group's tape balance, so a deal naming the tape
 * passes its balance check.
 */
import { toCents } from "../../core/money.js";
import type { RepLine } from "../schema.js";
import type { TapeLoan } from "./tape-builder.js";

export interface RepLineGroup {
  readonly id: string;
  readonly repLines: RepLine[];
}

export interface RepLineOptions {
  /** Splits lines by note-rate band of this width (percent); 0 or absent: no split. */
  readonly rateStep?: number;
}

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

export function repLinesFromTape(loans: readonly TapeLoan[], options: RepLineOptions = {}): RepLineGroup[] {
  const step = options.rateStep ?? 0;
  const groups = new Map<string, Map<string, TapeLoan[]>>();
  for (const l of loans) {
    const a = l.arm;
    const kind = a ? `arm:${a.index}:${Math.round(a.firstResetAge / 12)}:${a.resetFrequency}` : "fixed";
    const band = step > 0 ? `:${Math.floor(l.noteRate / step + 1e-9)}` : "";
    const key = `${kind}:io${l.ioTerm > 0 ? l.ioTerm : 0}:${l.originalTerm}${band}`;
    let g = groups.get(l.group);
    if (!g) groups.set(l.group, (g = new Map()));
    let bucket = g.get(key);
    if (!bucket) g.set(key, (bucket = []));
    bucket.push(l);
  }
  return [...groups.entries()].map(([groupId, buckets]) => ({
    id: groupId,
    repLines: [...buckets.values()].map((ls, k) => repLine(`${groupId}-${String.fromCharCode(97 + (k % 26))}${k >= 26 ? Math.floor(k / 26) : ""}`, ls)),
  }));
}

function repLine(id: string, loans: readonly TapeLoan[]): RepLine {
  const cents = loans.reduce((a, l) => a + toCents(l.currentBalance), 0);
  const total = loans.reduce((a, l) => a + l.currentBalance, 0);
  const wa = (f: (l: TapeLoan) => number) => (total > 0 ? loans.reduce((a, l) => a + l.currentBalance * f(l), 0) / total : f(loans[0]));
  const originalTerm = loans[0].originalTerm;
  const age = Math.round(wa((l) => l.age));
  const remainingTerm = Math.max(1, Math.min(originalTerm - age, Math.round(wa((l) => l.remainingTerm))));
  const first = loans[0].arm;
  return {
    id,
    statedPrincipalBalance: cents / 100,
    mortgageRate: round(wa((l) => l.noteRate), 6),
    originalTerm,
    age,
    remainingTerm,
    interestOnlyMonths: loans[0].ioTerm,
    ...(first
      ? {
          arm: {
            index: first.index,
            margin: round(wa((l) => l.arm!.margin), 6),
            firstResetAge: Math.max(age + 1, age + Math.round(wa((l) => l.arm!.firstResetAge - l.age))),
            resetFrequency: first.resetFrequency,
            initialCap: round(wa((l) => l.arm!.initialCap), 6),
            periodicCap: round(wa((l) => l.arm!.periodicCap), 6),
            lifetimeCap: round(wa((l) => l.arm!.lifetimeCap), 6),
            floor: round(wa((l) => l.arm!.floor), 6),
            rounding: first.rounding,
            roundingMethod: first.roundingMethod,
          },
        }
      : {}),
    loanCount: loans.length,
  };
}
