import type { Kysely } from 'kysely';
import type { Clock } from '../core/clock.js';
import { guardStoreCall } from '../store/store-errors.js';
import type { Database } from '../store/types.js';
import { oldestLiveSlot, type BudgetRef, type BudgetUsage, type BucketRef, type EgressLedger, type TakeResult } from './ledger.js';
import { MemoryLedger } from './memory-ledger.js';
import { toEpochMs } from '../store/row-decoding.js';

/**
 * Write-behind interval for budget usage. A `kill -9` loses at most this much usage, i.e. at most
 * `enclave rate × interval` bytes; crossing an alert fraction or exhausting a budget flushes at once.
 */
export const DEFAULT_BUDGET_FLUSH_INTERVAL_MS = 200;
/** Rows older than the longest window anyone could configure are deleted when the ledger opens. */
const MAX_RETAINED_USAGE_MS = 31 * 86_400_000;

export interface LocalLedgerOptions {
  readonly clock: Clock;
  readonly alertFractions: readonly number[];
  readonly flushIntervalMs?: number;
  /** Called when a background flush fails; traffic goes on (the in-memory ledger still enforces). */
  readonly onFlushError?: (error: unknown) => void;
}

/**
 * One process's ledger: buckets and budgets in memory, budget usage persisted in the store so a
 * restart keeps it. Several replicas need the Redis ledger instead (each would count only its own).
 */
export async function openLocalLedger(db: Kysely<Database>, options: LocalLedgerOptions): Promise<EgressLedger> {
  const memory = new MemoryLedger(options.clock, options.alertFractions);
  await loadUsage(db, memory, options.clock.now());
  let flushing: Promise<void> = Promise.resolve();
  const flush = (): Promise<void> => {
    const rows = memory.drainDirty();
    if (rows.length === 0) return flushing;
    flushing = flushing.then(() => saveUsage(db, rows)).catch((error: unknown) => options.onFlushError?.(error));
    return flushing;
  };
  const timer = setInterval(() => void flush(), options.flushIntervalMs ?? DEFAULT_BUDGET_FLUSH_INTERVAL_MS);
  timer.unref();
  let closed: Promise<void> | undefined;
  return {
    take: async (buckets: readonly BucketRef[], budgets: readonly BudgetRef[], bytes: number): Promise<TakeResult> => {
      const result = memory.takeNow(buckets, budgets, bytes);
      if (result.crossings.length > 0) await flush();
      return result;
    },
    takeSync: (buckets: readonly BucketRef[], budgets: readonly BudgetRef[], bytes: number): TakeResult => {
      const result = memory.takeNow(buckets, budgets, bytes);
      return result.crossings.length > 0 ? { ...result, ready: flush() } : result;
    },
    usage: (budgets: readonly BudgetRef[]): Promise<BudgetUsage[]> => memory.usage(budgets),
    close: () =>
      (closed ??= (async () => {
        clearInterval(timer);
        await flush();
      })()),
  };
}

async function loadUsage(db: Kysely<Database>, memory: MemoryLedger, now: number): Promise<void> {
  await guardStoreCall(async () => {
    await db.deleteFrom('egress_usage').where('slot', '<', now - MAX_RETAINED_USAGE_MS).execute();
    const rows = await db.selectFrom('egress_usage').selectAll().execute();
    for (const row of rows) memory.restore(row.scope, row.window, toEpochMs(row.slot, 'egress_usage.slot'), Number(row.bytes));
  });
}

async function saveUsage(db: Kysely<Database>, rows: readonly { scope: string; window: string; slot: number; bytes: number }[]): Promise<void> {
  await guardStoreCall(() =>
    db.transaction().execute(async (tx) => {
      for (const row of rows) {
        await tx
          .insertInto('egress_usage')
          .values(row)
          .onConflict((oc) => oc.columns(['scope', 'window', 'slot']).doUpdateSet({ bytes: row.bytes }))
          .execute();
      }
    }),
  );
}

/** Budget usage straight from the store, for `status` in another process than the proxy. */
export async function readStoredUsage(db: Kysely<Database>, budgets: readonly BudgetRef[], now: number): Promise<BudgetUsage[]> {
  return guardStoreCall(async () =>
    Promise.all(
      budgets.map(async (budget) => {
        const row = await db
          .selectFrom('egress_usage')
          .select((eb) => eb.fn.sum<number | string | null>('bytes').as('total'))
          .where('scope', '=', budget.scope)
          .where('window', '=', budget.window)
          .where('slot', '>=', oldestLiveSlot(budget.windowMs, now))
          .executeTakeFirst();
        return { budget, usedBytes: Number(row?.total ?? 0) };
      }),
    ),
  );
}
