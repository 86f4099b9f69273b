import type { Clock } from '../core/clock.js';
import {
  budgetKey,
  crossedFractions,
  currentSlot,
  oldestLiveSlot,
  type BudgetCrossing,
  type BudgetRef,
  type BudgetUsage,
  type BucketRef,
  type EgressLedger,
  type TakeResult,
} from './ledger.js';

interface BucketState {
  tokens: number;
  updatedAt: number;
}

/** Slot start → bytes, for one budget scope and window. */
export type SlotMap = Map<number, number>;

/**
 * The ledger's arithmetic in process memory, driven by an injected clock. The local ledger wraps it
 * with persistence; tests use it directly. The Redis Lua script mirrors exactly this logic.
 */
export class MemoryLedger implements EgressLedger {
  private readonly buckets = new Map<string, BucketState>();
  readonly slots = new Map<string, SlotMap>();
  /** Slots changed since the last `drainDirty()`, for write-behind persistence. */
  private readonly dirty = new Set<string>();

  constructor(
    private readonly clock: Clock,
    private readonly alertFractions: readonly number[],
  ) {}

  async take(buckets: readonly BucketRef[], budgets: readonly BudgetRef[], bytes: number): Promise<TakeResult> {
    return this.takeNow(buckets, budgets, bytes);
  }

  takeSync(buckets: readonly BucketRef[], budgets: readonly BudgetRef[], bytes: number): TakeResult {
    return this.takeNow(buckets, budgets, bytes);
  }

  takeNow(buckets: readonly BucketRef[], budgets: readonly BudgetRef[], bytes: number): TakeResult {
    const now = this.clock.now();
    const used = budgets.map((b) => this.usedBytes(b, now));
    const granted = budgets.reduce((room, b, i) => Math.min(room, Math.max(0, b.limitBytes - used[i]!)), bytes);
    const crossings: BudgetCrossing[] = [];
    let exhausted: BudgetRef | null = null;
    budgets.forEach((budget, i) => {
      if (granted > 0) this.record(budget, now, granted);
      const after = used[i]! + granted;
      crossings.push(...crossedFractions(budget, used[i]!, after, this.alertFractions));
      if (exhausted === null && after >= budget.limitBytes) exhausted = budget;
    });
    let waitMs = 0;
    for (const bucket of buckets) waitMs = Math.max(waitMs, this.charge(bucket, now, granted));
    // Floored: a sub-millisecond debt stays in the bucket and is paid with the next chunk's wait.
    return { granted, waitMs: Math.floor(waitMs), exhausted, crossings };
  }

  async usage(budgets: readonly BudgetRef[]): Promise<BudgetUsage[]> {
    const now = this.clock.now();
    return budgets.map((budget) => ({ budget, usedBytes: this.usedBytes(budget, now) }));
  }

  async close(): Promise<void> {}

  /** Replaces a slot's bytes with a persisted value (on load), keeping the larger count. */
  restore(scope: string, window: string, slot: number, bytes: number): void {
    const key = budgetKey({ scope, window });
    const map = this.slots.get(key) ?? new Map<number, number>();
    map.set(slot, Math.max(bytes, map.get(slot) ?? 0));
    this.slots.set(key, map);
  }

  drainDirty(): { scope: string; window: string; slot: number; bytes: number }[] {
    const out = [...this.dirty].map((entry) => {
      const [key, slotText] = entry.split('#') as [string, string];
      const [scope, window] = key.split('|') as [string, string];
      const slot = Number(slotText);
      return { scope, window, slot, bytes: this.slots.get(key)?.get(slot) ?? 0 };
    });
    this.dirty.clear();
    return out;
  }

  private usedBytes(budget: BudgetRef, now: number): number {
    const map = this.slots.get(budgetKey(budget));
    if (!map) return 0;
    const oldest = oldestLiveSlot(budget.windowMs, now);
    let sum = 0;
    for (const [slot, bytes] of map) {
      if (slot < oldest) map.delete(slot);
      else sum += bytes;
    }
    return sum;
  }

  private record(budget: BudgetRef, now: number, bytes: number): void {
    const key = budgetKey(budget);
    const slot = currentSlot(budget.windowMs, now);
    const map = this.slots.get(key) ?? new Map<number, number>();
    map.set(slot, (map.get(slot) ?? 0) + bytes);
    this.slots.set(key, map);
    this.dirty.add(`${key}#${slot}`);
  }

  /** Deficit token bucket: returns how long until the bucket is out of debt. */
  private charge(bucket: BucketRef, now: number, bytes: number): number {
    const state = this.buckets.get(bucket.key) ?? { tokens: bucket.burstBytes, updatedAt: now };
    const refilled = state.tokens + ((now - state.updatedAt) * bucket.bytesPerSecond) / 1000;
    state.tokens = Math.min(bucket.burstBytes, refilled) - bytes;
    state.updatedAt = now;
    this.buckets.set(bucket.key, state);
    return state.tokens < 0 ? (-state.tokens * 1000) / bucket.bytesPerSecond : 0;
  }
}
