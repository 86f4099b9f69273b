import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';

/**
 * The plaintext SHA-256, fed each chunk once it was sealed (encrypt) or delivered (decrypt). SHA-256 is
 * the largest per-byte cost of both (~0.5 ms per MiB with SHA-NI, twice AES-GCM), so for large
 * artifacts it runs on a worker thread while the main thread seals or opens the next chunks.
 */
export interface PlaintextHash {
  /**
   * A buffer of `length` bytes to put the next chunk in before `add`, recycled from chunks already
   * hashed (and wiped) so that no chunk costs an allocation; its contents are unspecified.
   */
  take(length: number): Buffer;
  /**
   * Takes ownership of chunk `index`'s delivered plaintext and wipes it once hashed (a buffer handed
   * to the worker is detached here). Chunks may arrive out of order and are hashed in index order.
   * Resolves once at most HASH_QUEUE_CHUNKS wait for the worker, which bounds memory.
   */
  add(index: number, chunk: Buffer): Promise<void>;
  /** The digest, once every chunk was added. */
  digest(): Promise<Buffer>;
  /** Wipes what never reached the hash and stops the worker; call it once, after digest or a failure. */
  close(): Promise<void>;
}

/** Below this, starting a worker (~20-40 ms) costs more than hashing on the main thread saves. */
export const WORKER_HASH_MIN_BYTES = 32 * 1024 * 1024;
/**
 * Chunks posted to the worker beyond the one it hashes. SHA-256 is the slower stage, so one waiting
 * chunk keeps it busy; each more is 1 MiB of plaintext held (4 measured no faster than 2).
 */
const HASH_QUEUE_CHUNKS = 2;
/** Spare buffers kept for `take`: about every chunk between the cipher and the hash (6 measured at most). */
const MAX_SPARE_BUFFERS = 8;

export function plaintextHash(totalBytes: number): PlaintextHash {
  return totalBytes >= WORKER_HASH_MIN_BYTES ? workerHash() : inlineHash();
}

/** Passes chunks on in index order whatever order they arrive in. */
function inIndexOrder(pass: (chunk: Buffer) => void): { add(index: number, chunk: Buffer): void; wipeHeldBack(): void } {
  const heldBack = new Map<number, Buffer>();
  let next = 0;
  return {
    add(index, chunk) {
      heldBack.set(index, chunk);
      for (let ready = heldBack.get(next); ready !== undefined; ready = heldBack.get(next)) {
        heldBack.delete(next);
        next += 1;
        pass(ready);
      }
    },
    wipeHeldBack() {
      for (const chunk of heldBack.values()) chunk.fill(0);
      heldBack.clear();
    },
  };
}

/** Buffers of hashed chunks, handed out again; each was wiped before it got here. */
function spareBuffers(): { take: (length: number) => Buffer; give: (buffer: Buffer) => void; drain: () => Buffer[] } {
  const spares: Buffer[] = [];
  return {
    drain: () => spares.splice(0),
    take: (length) => {
      const at = spares.findIndex((spare) => spare.length === length);
      // allocUnsafeSlow: never a slice of Node's shared pool, so the worker can be handed the whole buffer.
      return at >= 0 ? spares.splice(at, 1)[0]! : Buffer.allocUnsafeSlow(length);
    },
    give: (buffer) => {
      if (spares.length < MAX_SPARE_BUFFERS) spares.push(buffer);
    },
  };
}

function inlineHash(): PlaintextHash {
  const hash = createHash('sha256');
  const spares = spareBuffers();
  const order = inIndexOrder((chunk) => {
    hash.update(chunk);
    chunk.fill(0);
    spares.give(chunk);
  });
  return {
    take: spares.take,
    add: async (index, chunk) => order.add(index, chunk),
    digest: async () => hash.digest(),
    close: async () => order.wipeHeldBack(),
  };
}

/**
 * CommonJS evaluated in the worker. A string rather than a file so that one code path runs under tsx,
 * vitest and the built dist, none of which need to resolve a worker entry. Each chunk is wiped once
 * hashed and its memory sent back, where `take` hands it out again; freed by the worker's collector
 * instead, chunks piled up to its collection threshold (+50 MiB peak RSS measured).
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const hash = require('node:crypto').createHash('sha256');
parentPort.on('message', (message) => {
  if (message === 'digest') return parentPort.postMessage({ digest: hash.digest() });
  if (Array.isArray(message)) return; // spare buffers, freed with this thread's heap
  const chunk = new Uint8Array(message);
  hash.update(chunk);
  chunk.fill(0);
  parentPort.postMessage(message, [message]);
});
`;

function workerHash(): PlaintextHash {
  const worker = new Worker(WORKER_SOURCE, { eval: true });
  let posted = 0;
  let hashed = 0;
  let result: Buffer | undefined;
  let failure: Error | undefined;
  const spares = spareBuffers();
  const waiting: { ready: () => boolean; resolve: () => void; reject: (error: Error) => void }[] = [];
  const recheck = (): void => {
    for (const waiter of waiting.splice(0)) {
      if (failure !== undefined) waiter.reject(failure);
      else if (waiter.ready()) waiter.resolve();
      else waiting.push(waiter);
    }
  };
  const until = (ready: () => boolean): Promise<void> =>
    new Promise((resolve, reject) => {
      waiting.push({ ready, resolve, reject });
      recheck();
    });
  worker.on('message', (message: unknown) => {
    if (message instanceof ArrayBuffer) {
      hashed += 1;
      spares.give(Buffer.from(message));
    }
    else if (typeof message === 'object' && message !== null && 'digest' in message && message.digest instanceof Uint8Array) {
      result = Buffer.from(message.digest);
    }
    recheck();
  });
  const fail = (error: Error): void => {
    failure ??= error;
    recheck();
  };
  worker.on('error', fail);
  worker.on('exit', () => fail(new Error('the hashing worker stopped')));

  const order = inIndexOrder((chunk) => {
    if (failure !== undefined) {
      chunk.fill(0);
      return;
    }
    const owned = ownsWholeBuffer(chunk) ? chunk : copyAndWipe(chunk, spares.take(chunk.length));
    posted += 1;
    worker.postMessage(owned.buffer, [owned.buffer as ArrayBuffer]);
  });
  return {
    take: spares.take,
    async add(index, chunk) {
      order.add(index, chunk);
      await until(() => posted - hashed <= HASH_QUEUE_CHUNKS);
    },
    async digest() {
      worker.postMessage('digest');
      await until(() => result !== undefined);
      return result!;
    },
    async close() {
      order.wipeHeldBack();
      await until(() => hashed === posted).catch(() => undefined);
      // Long-lived, the spares sit in the main heap's old generation, where they would outlive this
      // call until a full collection (+6-12 MiB peak RSS per back-to-back operation measured). Handed
      // to the worker, they are freed when it stops. Each was wiped before it became a spare.
      const idle = spares.drain().map((spare) => spare.buffer as ArrayBuffer);
      worker.postMessage(idle, idle);
      await worker.terminate();
    },
  };
}

/** Only a buffer that is its whole (non-shared) ArrayBuffer can be transferred without exposing other data. */
function ownsWholeBuffer(chunk: Buffer): boolean {
  return chunk.buffer instanceof ArrayBuffer && chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength;
}

function copyAndWipe(chunk: Buffer, copy: Buffer): Buffer {
  chunk.copy(copy);
  chunk.fill(0);
  return copy;
}
