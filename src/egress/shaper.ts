import type { Readable, Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BudgetCrossing, BudgetRef, BucketRef, EgressLedger, TakeResult } from './ledger.js';

/** While a budget is used up, an open tunnel re-asks the ledger this often (the window may roll on). */
export const DEFAULT_STALL_POLL_MS = 1_000;

/**
 * Charged bytes the sink may hold before the pump waits for 'drain'. Waiting at the socket's own 16 KiB
 * mark would cost a round trip per chunk; the bytes are already paid for, so holding a few is safe.
 */
const MAX_PENDING_WRITE_BYTES = 512 * 1024;

export interface ShapeOptions {
  readonly ledger: EgressLedger;
  readonly buckets: readonly BucketRef[];
  readonly budgets: readonly BudgetRef[];
  readonly stallPollMs?: number;
  /** Risky override: a ledger failure lets the chunk through instead of closing the tunnel. */
  readonly failOpenOnLedgerError: boolean;
  onCrossings(crossings: readonly BudgetCrossing[]): void;
  /** The tunnel stalls on this budget (throttled to zero); called once per stall. */
  onStall(budget: BudgetRef): void;
  /** Bytes actually forwarded (for status and anomaly baselines). */
  onForwarded(bytes: number): void;
  /** The ledger failed and the tunnel is closed (fail closed). */
  onLedgerError(error: unknown): void;
}

/**
 * Copies `source` to `sink` under the ledger's caps by backpressure: the source is paused while a
 * chunk is charged, for as long as the buckets are in debt, and for as long as a budget is used up.
 * Nothing is buffered beyond the chunk in hand, so a paused source makes the client's TCP window
 * close: the cap is enforced on the wire, not by dropping data.
 */
export function pumpShaped(source: Readable, sink: Writable, options: ShapeOptions): void {
  const push = startPump(source, sink, options, false);
  source.on('data', (chunk: Buffer) => void push(chunk));
}

/**
 * The same pump for a socket that reads into one reused buffer (see `reused-read-buffer.ts`): each
 * chunk is borrowed, so it is written (or copied) before this returns, and reading stops until the
 * sink has flushed it. Returns the socket's `onread` callback body; false pauses the socket.
 */
export function pumpBorrowedShaped(source: Readable, sink: Writable, options: ShapeOptions): (chunk: Buffer) => boolean {
  return startPump(source, sink, options, true);
}

function startPump(source: Readable, sink: Writable, options: ShapeOptions, borrowed: boolean): (chunk: Buffer) => boolean {
  let busy = false;
  let ended = false;
  let stopped = false;
  let awaitingFlush = false;
  const stop = (): void => {
    stopped = true;
  };
  source.once('close', stop);
  sink.once('close', stop);
  const carryOn = (): void => {
    busy = false;
    if (ended) sink.end();
    else if (!stopped) source.resume();
  };
  // One callback for every borrowed write: only a write the kernel did not take at once is waited for.
  const onFlushed = (): void => {
    if (!awaitingFlush) return;
    awaitingFlush = false;
    carryOn();
  };
  const settle = (work: Promise<void>): void => {
    source.pause();
    busy = true;
    work.then(carryOn).catch((error: unknown) => {
      options.onLedgerError(error);
      source.destroy();
      sink.destroy();
    });
  };
  source.once('end', () => {
    ended = true;
    if (!busy) sink.end();
  });
  return (chunk: Buffer): boolean => {
    if (stopped) return false;
    const first = quickTake(options, chunk.length);
    if (first !== null && first.granted === chunk.length && first.waitMs === 0 && first.exhausted === null && first.crossings.length === 0 && first.ready === undefined) {
      // Fast path (in-memory ledger, nothing owed): forward now, pause only for a full sink.
      options.onForwarded(chunk.length);
      if (borrowed) {
        sink.write(chunk, onFlushed);
        if (sink.writableLength === 0 || stopped) return true;
        awaitingFlush = true;
        busy = true;
        source.pause();
        return false;
      }
      if (!sink.write(chunk) && sink.writableLength > MAX_PENDING_WRITE_BYTES && !stopped) settle(waitForDrain(sink));
      return true;
    }
    settle(forwardChunk(borrowed ? Buffer.from(chunk) : chunk, sink, options, () => stopped, first));
    return false;
  };
}

/** A synchronous take when the ledger has one; null otherwise (or when it threw: the async path retries and decides). */
function quickTake(options: ShapeOptions, bytes: number): TakeResult | null {
  if (options.ledger.takeSync === undefined) return null;
  try {
    return options.ledger.takeSync(options.buckets, options.budgets, bytes);
  } catch {
    return null;
  }
}

async function forwardChunk(chunk: Buffer, sink: Writable, options: ShapeOptions, isStopped: () => boolean, first: TakeResult | null): Promise<void> {
  let offset = 0;
  let stalledOn: BudgetRef | null = null;
  let pending = first;
  while (offset < chunk.length && !isStopped()) {
    const result = pending ?? (await takeOrFailOpen(options, chunk.length - offset));
    pending = null;
    await result.ready;
    if (result.crossings.length > 0) options.onCrossings(result.crossings);
    if (result.granted > 0) {
      const ok = sink.write(chunk.subarray(offset, offset + result.granted));
      offset += result.granted;
      options.onForwarded(result.granted);
      if (!ok && sink.writableLength > MAX_PENDING_WRITE_BYTES && !isStopped()) await waitForDrain(sink);
    }
    if (result.waitMs > 0) await sleep(result.waitMs);
    if (offset < chunk.length && result.exhausted !== null) {
      if (stalledOn === null) options.onStall(result.exhausted);
      stalledOn = result.exhausted;
      await sleep(options.stallPollMs ?? DEFAULT_STALL_POLL_MS);
    }
  }
}

async function takeOrFailOpen(options: ShapeOptions, bytes: number): Promise<TakeResult> {
  try {
    return await options.ledger.take(options.buckets, options.budgets, bytes);
  } catch (error) {
    if (!options.failOpenOnLedgerError) throw error;
    return { granted: bytes, waitMs: 0, exhausted: null, crossings: [] };
  }
}

function waitForDrain(sink: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      sink.off('drain', done);
      sink.off('close', done);
      resolve();
    };
    sink.once('drain', done);
    sink.once('close', done);
  });
}
