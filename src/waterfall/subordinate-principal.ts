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
  const slotOf = new Map<string, number>();
  for (const c of input.classes) if (!slotOf.has(c.id)) slotOf.set(c.id, slotOf.size);
  const ids = [...slotOf.keys()];
  const originalCreditSupport = Float64Array.from(ids, (id) => input.originalCreditSupport.get(id) ?? 0);
  const shares = new Float64Array(ids.length);
  const restrictedFlags = new Uint8Array(ids.length);
  const restricted = subordinatePrincipalSharesOfSlots(
    Int32Array.from(input.classes, (c) => slotOf.get(c.id)!),
    Float64Array.from(input.classes, (c) => c.balance),
    input.nonPoClassBalance,
    originalCreditSupport,
    input.scheduledPart,
    input.unscheduledPart,
    shares,
    restrictedFlags,
  );
  return { shares: new Map(ids.map((id, k) => [id, shares[k]])), restricted: new Set(restricted.map((k) => ids[k])) };
}

/**
 * `subordinatePrincipalShares` on slots, for the period step: the classes are
 * `slots` (in order of seniority) with `balances` by position; shares, original
 * Applicable Credit Support Percentages and the Restricted flags are by slot.
 * Writes `shares` and `restricted` for the given slots; returns the Restricted
 * Classes' slots in the order found.
 */
export function subordinatePrincipalSharesOfSlots(
  slots: Int32Array,
  balances: Float64Array,
  nonPoClassBalance: number,
  originalCreditSupport: Float64Array,
  scheduledPart: number,
  unscheduledPart: number,
  shares: Float64Array,
  restricted: Uint8Array,
): readonly number[] {
  const n = slots.length;
  const total = nonPoClassBalance;
  const support = shares; // Applicable Credit Support by slot, read before the shares are set.
  let below = 0;
  for (let k = n - 1; k >= 0; k--) {
    below += balances[k];
    support[slots[k]] = total > 0 ? below / total : 0;
  }
  let restrictedOrder: number[] | null = null;
  for (let k = 0; k < n; k++) restricted[slots[k]] = 0;
  for (let k = 0; k < n; k++) {
    const id = slots[k];
    if (!(balances[k] > 0) || id === slots[0]) continue;
    if (support[id] < originalCreditSupport[id] - 1e-12 && !restricted[id]) {
      restricted[id] = 1;
      (restrictedOrder ??= []).push(id);
    }
  }
  for (let k = 0; k < n; k++) shares[slots[k]] = 0;
  // The scheduled part to the live classes, the unscheduled part to those not Restricted (all live if none).
  let eligible = 0;
  for (let k = 0; k < n; k++) if (balances[k] > 0 && !restricted[slots[k]]) eligible++;
  proRataShares(slots, balances, shares, scheduledPart, null);
  proRataShares(slots, balances, shares, unscheduledPart, eligible > 0 ? restricted : null);
  // Cap at balance; excess to the other classes in order of seniority.
  let excess = 0;
  for (let k = 0; k < n; k++) {
    const s = shares[slots[k]];
    if (s > balances[k]) {
      excess += s - balances[k];
      shares[slots[k]] = balances[k];
    }
  }
  for (let k = 0; k < n; k++) {
    if (excess <= 1e-12) break;
    const room = balances[k] - shares[slots[k]];
    if (room > 0) {
      const add = Math.min(room, excess);
      shares[slots[k]] = shares[slots[k]] + add;
      excess -= add;
    }
  }
  return restrictedOrder ?? NONE;
}

const NONE: readonly number[] = Object.freeze([]);

/** Adds `amount` pro rata by balance to the live classes (those not flagged in `skip`, when given). */
function proRataShares(slots: Int32Array, balances: Float64Array, shares: Float64Array, amount: number, skip: Uint8Array | null): void {
  let total = 0;
  for (let k = 0; k < slots.length; k++) if (balances[k] > 0 && !(skip !== null && skip[slots[k]])) total += balances[k];
  if (total <= 0 || amount <= 0) return;
  for (let k = 0; k < slots.length; k++) {
    if (balances[k] > 0 && !(skip !== null && skip[slots[k]])) shares[slots[k]] = shares[slots[k]] + (amount * balances[k]) / total;
  }
}
