/**
 * Article I: how the Subordinated Principal Distribution Amount is shared among
 * the subordinate classes. The scheduled part goes pro rata by balance; the
 * unscheduled part pro rata to the classes that are not Restricted (a class other
 * than the most senior is Restricted when its Applicable Credit Support
 * Percentage is below its original value). No class is paid above its balance;
 * any excess goes to the other subordinate classes in order of seniority.
 */
export interface SubordinatePrincipalInput {
  /** Subordinate classes in order of seniority, with balances at the start of the date. */
  readonly classes: readonly { id: string; balance: number }[];
  /** All non-PO class balances at the start of the date (denominator of credit support). */
  readonly nonPoClassBalance: number;
  readonly originalCreditSupport: ReadonlyMap<string, number>;
  readonly scheduledPart: number;
  readonly unscheduledPart: number;
}

export interface SubordinatePrincipalShares {
  readonly shares: Map<string, number>;
  readonly restricted: Set<string>;
}

export function applicableCreditSupport(classes: readonly { id: string; balance: number }[], total: number): Map<string, number> {
  const out = new Map<string, number>();
  let below = 0;
  for (let i = classes.length - 1; i >= 0; i--) {
    below += classes[i].balance;
    out.set(classes[i].id, total > 0 ? below / total : 0);
  }
  return out;
}

export function subordinatePrincipalShares(input: SubordinatePrincipalInput): SubordinatePrincipalShares {
  const live = input.classes.filter((c) => c.balance > 0);
  const shares = new Map<string, number>(input.classes.map((c) => [c.id, 0]));
  const restricted = new Set<string>();
  const support = applicableCreditSupport(input.classes, input.nonPoClassBalance);
  live.forEach((c) => {
    if (c.id === input.classes[0].id) return;
    if ((support.get(c.id) ?? 0) < (input.originalCreditSupport.get(c.id) ?? 0) - 1e-12) restricted.add(c.id);
  });
  const proRata = (amount: number, members: readonly { id: string; balance: number }[]) => {
    const total = members.reduce((s, c) => s + c.balance, 0);
    if (total <= 0 || amount <= 0) return;
    for (const c of members) shares.set(c.id, (shares.get(c.id) ?? 0) + (amount * c.balance) / total);
  };
  proRata(input.scheduledPart, live);
  const eligible = live.filter((c) => !restricted.has(c.id));
  proRata(input.unscheduledPart, eligible.length ? eligible : live);
  // Cap at balance; excess to the other classes in order of seniority.
  let excess = 0;
  for (const c of input.classes) {
    const s = shares.get(c.id) ?? 0;
    if (s > c.balance) {
      excess += s - c.balance;
      shares.set(c.id, c.balance);
    }
  }
  for (const c of input.classes) {
    if (excess <= 1e-12) break;
    const room = c.balance - (shares.get(c.id) ?? 0);
    if (room > 0) {
      const add = Math.min(room, excess);
      shares.set(c.id, (shares.get(c.id) ?? 0) + add);
      excess -= add;
    }
  }
  return { shares, restricted };
}
