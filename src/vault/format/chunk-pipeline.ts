import { quiet, type ByteSource } from './io.js';

/**
 * Reads ahead and writes behind the chunk being processed. One read and one write outstanding is not
 * enough: each 1 MiB write or read then waits a thread-pool round trip while the main thread is
 * busy with the cipher, which measured 3-5× slower than two or more in flight (bench/vault.bench.ts).
 * Memory stays bounded: at most READS_AHEAD + 1 input and WRITES_IN_FLIGHT + 1 output chunks.
 */
export const READS_AHEAD = 3;
export const WRITES_IN_FLIGHT = 3;

export interface ChunkPipeline<Output> {
  /** Chunks to process; after the last one a 1-byte probe read checks the source is at its end. */
  readonly total: number;
  readonly inputLength: (index: number) => number;
  /**
   * Synchronous per-chunk work (seal or open). The input buffer may be reused once this returns;
   * a throw stops the pipeline after outstanding I/O settles.
   */
  readonly transform: (index: number, input: Buffer) => Output;
  readonly write: (output: Output, index: number) => Promise<void>;
  /** Called with an output a failure kept from being written, so plaintext in it can be wiped. */
  readonly discard?: (output: Output) => void;
  /** Called in order, once chunk `index` has been written. */
  readonly written?: (index: number) => void;
  /** Outstanding writes allowed; 1 when `write` must never overlap (a caller's callback). */
  readonly writesInFlight: number;
}

/** Runs every chunk through read → transform → write in order; resolves with the probe's length (0 at EOF). */
export async function runChunkPipeline<Output>(source: ByteSource, pipeline: ChunkPipeline<Output>): Promise<number> {
  const { total, inputLength } = pipeline;
  const reads: Promise<Buffer>[] = [];
  const writes: { index: number; done: Promise<void> }[] = [];
  let requested = 0;
  const requestReads = (): void => {
    while (reads.length < READS_AHEAD && requested <= total) {
      reads.push(quiet(source.read(requested < total ? inputLength(requested) : 1)));
      requested += 1;
    }
  };
  const settleOldestWrite = async (): Promise<void> => {
    const oldest = writes.shift()!;
    await oldest.done;
    pipeline.written?.(oldest.index);
  };
  try {
    requestReads();
    for (let i = 0; i < total; i += 1) {
      const input = await reads.shift()!;
      if (input.length !== inputLength(i)) throw new ShortReadError();
      const output = pipeline.transform(i, input);
      requestReads();
      if (writes.length >= pipeline.writesInFlight) {
        try {
          await settleOldestWrite();
        } catch (error) {
          pipeline.discard?.(output);
          throw error;
        }
      }
      writes.push({ index: i, done: quiet(pipeline.write(output, i)) });
    }
    while (writes.length > 0) await settleOldestWrite();
    return (await reads.shift()!).length;
  } finally {
    await Promise.allSettled([...reads, ...writes.map((w) => w.done)]);
  }
}

/** The source ended before a chunk was complete; each caller maps it to its own error. */
export class ShortReadError extends Error {
  constructor() {
    super('short read');
  }
}
