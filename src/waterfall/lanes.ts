/**
 * Scenario lanes: N scenarios of one deal stepped through the same
 * Distribution Date together (see ARCHITECTURE.md, "Scenario lanes").
 *
 * Each lane is one scenario's `PeriodWork` (its book, its defined amounts) and
 * `CarriedState`. Their arrays are not allocated lane by lane: every field is one
 * typed array of N × its length (`LaneBlocks`), lane l's view being its l-th
 * part, so a class's balances, rates and amounts for all lanes lie side by side.
 * The period step (`stepLanes` in period-step.ts) interprets each rule once per
 * date and runs its body over the active lanes; a lane that has finished (paid
 * off, called) leaves the active list while the others go on.
 */
import type { PeriodInputs } from "./collections.js";
import type { DealPlan } from "./deal-plan.js";
import { PeriodWork, type CarriedState } from "./period-work.js";
import type { WaterfallState } from "./state.js";

/** Hands out a lane's view of each field block, in the same order for every lane. */
export interface LaneAllocator {
  f64(length: number): Float64Array;
  u8(length: number): Uint8Array;
}

/** One typed array per field for all lanes; `lane(l)` is the allocator of lane l's views. */
export class LaneBlocks {
  private readonly blocks: (Float64Array | Uint8Array)[] = [];
  constructor(readonly lanes: number) {}

  lane(l: number): LaneAllocator {
    let k = 0;
    const view = <T extends Float64Array | Uint8Array>(length: number, make: (n: number) => T): T => {
      let block = this.blocks[k] as T | undefined;
      if (block === undefined) {
        block = make(length * this.lanes);
        this.blocks[k] = block;
      }
      k++;
      return block.subarray(l * length, (l + 1) * length) as T;
    };
    return { f64: (n) => view(n, (m) => new Float64Array(m)), u8: (n) => view(n, (m) => new Uint8Array(m)) };
  }
}

/** N lanes of one deal plan: each lane's work, carried state and the date's inputs, and which lanes are still running. */
export class PeriodLanes {
  readonly work: PeriodWork[];
  readonly carried: CarriedState[];
  /** Each lane's inputs for the date being stepped. */
  readonly inputs: (PeriodInputs | null)[];
  /** The running lanes' indices, in order; `activeCount` of them are valid. */
  readonly active: Int32Array;
  activeCount = 0;

  constructor(readonly plan: DealPlan, readonly size: number, lanes?: { work: PeriodWork; carried: CarriedState }) {
    this.work = [];
    this.carried = [];
    if (lanes) {
      this.work.push(lanes.work);
      this.carried.push(lanes.carried);
    } else {
      const blocks = new LaneBlocks(size);
      for (let l = 0; l < size; l++) {
        const alloc = blocks.lane(l);
        this.work.push(new PeriodWork(plan, alloc));
        this.carried.push(emptyCarriedState(plan, alloc));
      }
    }
    this.inputs = new Array<PeriodInputs | null>(size).fill(null);
    this.active = new Int32Array(size);
    this.activeCount = size;
  }

  /** Starts every lane from `state` (the same state for all, as a projection starts), all lanes active. */
  startAll(state: WaterfallState): void {
    for (let l = 0; l < this.size; l++) {
      loadCarriedState(this.plan, this.carried[l], state);
      this.active[l] = l;
    }
    this.activeCount = this.size;
  }

  /** Drops lanes from the active list for which `finished(l)` is true, keeping the order of the others. */
  retire(finished: (lane: number) => boolean): void {
    let n = 0;
    for (let k = 0; k < this.activeCount; k++) {
      const l = this.active[k];
      if (!finished(l)) this.active[n++] = l;
    }
    this.activeCount = n;
  }
}

/** One scenario's work and carried state as a lane set of one (`distributePeriod`). */
export function singleLane(work: PeriodWork, carried: CarriedState): PeriodLanes {
  return new PeriodLanes(work.plan, 1, { work, carried });
}

function emptyCarriedState(plan: DealPlan, alloc: LaneAllocator): CarriedState {
  return {
    period: 0,
    balance: alloc.f64(plan.classCount),
    unpaidInterest: alloc.f64(plan.classCount),
    cumulativeWritedown: alloc.f64(plan.classCount),
    poDeferred: 0,
    yieldSupplementUnpaid: alloc.f64(plan.unpaidSlotCount),
    cumulativeRealizedLoss: 0,
    delinquencyHistory: [],
    depletionPeriod: null,
    terminated: false,
  };
}

/** Writes `state` into a lane's carried arrays (as `carriedState` builds them). */
export function loadCarriedState(plan: DealPlan, carried: CarriedState, state: WaterfallState): void {
  for (let i = 0; i < plan.classCount; i++) {
    const c = state.classes[plan.classIds[i]];
    carried.balance[i] = c?.balance ?? 0;
    carried.unpaidInterest[i] = c?.unpaidInterest ?? 0;
    carried.cumulativeWritedown[i] = (c ?? { cumulativeWritedown: 0 }).cumulativeWritedown;
  }
  for (const k of plan.contracts) carried.yieldSupplementUnpaid[k.unpaidSlot] = state.yieldSupplementUnpaid[k.contract.id] ?? 0;
  carried.period = state.period;
  carried.poDeferred = state.poDeferred;
  carried.cumulativeRealizedLoss = state.cumulativeRealizedLoss;
  carried.delinquencyHistory = state.delinquencyHistory;
  carried.depletionPeriod = state.depletionPeriod;
  carried.terminated = state.terminated;
}

const spareLanes = new WeakMap<DealPlan, PeriodLanes[]>();

/**
 * A lane set of the plan with `size` lanes: a spare one from an earlier batch of
 * the same size, else a new one (a projection of one scenario reuses its single
 * lane, as it reused its `PeriodWork`). Every field is written by each date
 * before it is read. Hand it back with `releasePeriodLanes`.
 */
export function takePeriodLanes(plan: DealPlan, size: number): PeriodLanes {
  const spares = spareLanes.get(plan);
  if (spares) {
    for (let k = spares.length - 1; k >= 0; k--) {
      if (spares[k].size === size) return spares.splice(k, 1)[0];
    }
  }
  return new PeriodLanes(plan, size);
}

export function releasePeriodLanes(lanes: PeriodLanes): void {
  let spares = spareLanes.get(lanes.plan);
  if (!spares) {
    spares = [];
    spareLanes.set(lanes.plan, spares);
  }
  if (spares.length >= 4) spares.shift();
  spares.push(lanes);
}
