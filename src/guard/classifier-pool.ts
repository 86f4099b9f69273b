import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Policy } from '../config/policy-schema.js';
import { BulwarkError } from '../core/errors.js';
import type { ClassifierFailure, Guard, GuardSettings, GuardVerdict } from './guard.js';
import type { TextDirection } from './rules.js';

/** The built-in guard for several texts at once, wherever it runs. */
export interface BatchClassifier {
  /**
   * One verdict per text, in order, each exactly what `Guard.evaluate` returns for it. A classifier
   * thread that fails or runs out of time yields fail-closed verdicts; the promise rejects only when
   * evaluation itself threw, as `Guard.evaluate` would have.
   */
  evaluate(texts: readonly string[], direction?: TextDirection, reuseScope?: string): Promise<GuardVerdict[]>;
}

/** Classification on the calling thread (`gateway.classifier.threads: 0`, and tests). */
export function inThreadClassifier(guard: Guard): BatchClassifier {
  return { evaluate: async (texts, direction = 'input', reuseScope) => texts.map((text) => guard.evaluate(text, direction, reuseScope)) };
}

export interface ClassifierPoolOptions {
  readonly threads: number;
  /** A thread busy with one batch this long is stopped and its batch denied (GUARD_CLASSIFIER_TIMEOUT). */
  readonly timeoutMs: number;
  /** The artifact `guard.classifier` was loaded from; each thread loads it and checks its version. */
  readonly modelFile: string;
  /** The main thread's guard: its policy and settings go to the threads; it makes fail-closed verdicts. */
  readonly guard: Guard;
  /** Told when a thread crashes, times out or cannot start (the pool replaces it). */
  readonly onThreadFailure?: (error: Error) => void;
}

/** What a classifier thread starts from (structured-cloned into it). */
export interface ClassifierWorkerData {
  readonly modelFile: string;
  readonly modelVersion: string;
  readonly policy: Policy;
  readonly settings: GuardSettings;
}

/** The texts of every request that waited while the thread was busy: one message each way for all of them. */
export type WorkerRequest = readonly { readonly texts: readonly string[]; readonly direction: TextDirection; readonly reuseScope?: string }[];
/** Puts a reloaded policy in force in a thread, for the batches after it. */
export interface PolicyMessage {
  readonly policy: Policy;
}
/** Per request, its verdicts, or the message of the error evaluation threw. */
export type WorkerReply = readonly (GuardVerdict[] | { readonly error: string })[];
type WorkerMessage = { readonly results: WorkerReply } | { readonly ready: true } | { readonly fatal: string };

/**
 * A message to a thread and back costs tens of microseconds of CPU (two wake-ups), as much as
 * classifying a short text, so a thread has one batch at a time and the requests that arrive meanwhile
 * go together in the next, up to this many characters (the timeout applies to a batch).
 */
const MAX_BATCH_CHARS = 100_000;
/** A thread that could not start is tried again on demand, at most this often. */
const RESPAWN_INTERVAL_MS = 1_000;

interface Job {
  readonly texts: readonly string[];
  readonly direction: TextDirection;
  readonly reuseScope: string | undefined;
  readonly chars: number;
  resolve(verdicts: GuardVerdict[]): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker | null;
  ready: boolean;
  /** The batch the thread is working on; empty when idle. */
  inFlight: Job[];
  sentAt: number;
  lastSpawn: number;
}

/**
 * Classification on worker threads, so the event loop serves other requests while a text is scored
 * and one huge input stalls one thread, not every stream. Each thread holds its own copy of the model.
 * Invariant 1 holds per batch: a thread that crashes or exceeds `timeoutMs` is replaced and its batch
 * gets `Guard.failedVerdict` (deny, unless `failOpenOnClassifierError`); batches queued behind it are
 * sent again to a live thread.
 */
export class ClassifierPool implements BatchClassifier {
  private readonly slots: Slot[];
  private readonly queue: Job[] = [];
  private data: ClassifierWorkerData;
  private readonly watchdog: NodeJS.Timeout;
  private readonly unsubscribe: () => void;
  private closed = false;

  private constructor(private readonly options: ClassifierPoolOptions) {
    const { guard } = options;
    const { windowChars, windowOverlapChars, failOpenOnClassifierError, windowCacheEntries } = guard.settings;
    const settings = { windowChars, windowOverlapChars, failOpenOnClassifierError, windowCacheEntries };
    this.data = { modelFile: options.modelFile, modelVersion: guard.classifier.version, policy: guard.policy, settings };
    this.slots = Array.from({ length: options.threads }, () => ({ worker: null, ready: false, inFlight: [], sentAt: 0, lastSpawn: -Infinity }));
    this.watchdog = setInterval(() => this.stopOverdueThreads(), Math.max(10, options.timeoutMs / 4));
    this.watchdog.unref();
    this.unsubscribe = guard.onPolicyChange((policy) => this.replacePolicy(policy));
  }

  /**
   * A reloaded policy goes to every thread as a message of its own, so a batch a thread is working on
   * finishes under the policy it was sent with and every later batch gets the new one; threads started
   * from now on start with it.
   */
  private replacePolicy(policy: Policy): void {
    this.data = { ...this.data, policy };
    for (const slot of this.slots) slot.worker?.postMessage({ policy } satisfies PolicyMessage);
  }

  /** Starts every thread and waits until each has loaded the model; throws GUARD_MODEL_UNAVAILABLE if one cannot. */
  static async start(options: ClassifierPoolOptions): Promise<ClassifierPool> {
    if (!Number.isInteger(options.threads) || options.threads < 1) throw new RangeError('a classifier pool needs at least one thread');
    const pool = new ClassifierPool(options);
    const started = await Promise.allSettled(pool.slots.map((slot) => pool.spawn(slot)));
    const failed = started.find((result) => result.status === 'rejected');
    if (failed) {
      await pool.close();
      throw new BulwarkError('GUARD_MODEL_UNAVAILABLE', 'a classifier thread could not load the model', { cause: failed.reason });
    }
    return pool;
  }

  evaluate(texts: readonly string[], direction: TextDirection = 'input', reuseScope?: string): Promise<GuardVerdict[]> {
    if (texts.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      const job: Job = { texts, direction, reuseScope, chars: texts.reduce((sum, text) => sum + text.length, 0), resolve, reject };
      if (this.closed || !this.canStillServe()) return this.deny(job, 'GUARD_CLASSIFIER_FAILED');
      this.queue.push(job);
      this.sendQueued();
    });
  }

  /** Stops the threads; batches still waiting are denied. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.watchdog);
    this.unsubscribe();
    const workers = this.slots.flatMap((slot) => (slot.worker ? [slot.worker] : []));
    for (const slot of this.slots) {
      for (const job of slot.inFlight.splice(0)) this.deny(job, 'GUARD_CLASSIFIER_FAILED');
      slot.worker?.removeAllListeners();
      slot.worker = null;
    }
    for (const job of this.queue.splice(0)) this.deny(job, 'GUARD_CLASSIFIER_FAILED');
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  private idleSlot(): Slot | null {
    for (const slot of this.slots) if (slot.ready && slot.inFlight.length === 0) return slot;
    return null;
  }

  /** True while some thread runs or is starting; otherwise tries to start the idle slots again. */
  private canStillServe(): boolean {
    const now = performance.now();
    for (const slot of this.slots) {
      if (slot.worker !== null) return true;
      if (now - slot.lastSpawn >= RESPAWN_INTERVAL_MS) this.spawn(slot).catch(() => undefined);
    }
    return this.slots.some((slot) => slot.worker !== null);
  }

  private sendQueued(): void {
    for (let slot = this.idleSlot(); slot !== null && this.queue.length > 0; slot = this.idleSlot()) {
      let chars = this.queue[0]!.chars;
      let count = 1;
      while (count < this.queue.length && chars + this.queue[count]!.chars <= MAX_BATCH_CHARS) chars += this.queue[count++]!.chars;
      slot.inFlight = this.queue.splice(0, count);
      slot.sentAt = performance.now();
      slot.worker!.ref();
      slot.worker!.postMessage(slot.inFlight.map(({ texts, direction, reuseScope }) => ({ texts, direction, reuseScope })) satisfies WorkerRequest);
    }
  }

  private deny(job: Job, failure: ClassifierFailure): void {
    try {
      job.resolve(job.texts.map((text) => this.options.guard.failedVerdict(text, failure, job.direction)));
    } catch (error) {
      job.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private spawn(slot: Slot): Promise<void> {
    slot.lastSpawn = performance.now();
    slot.ready = false;
    const worker = startWorker(this.data);
    slot.worker = worker;
    return new Promise<void>((resolve, reject) => {
      // A thread that dies after it started is replaced; one that cannot start is tried again on demand.
      const fail = (error: Error) => {
        if (slot.worker !== worker) return;
        this.replace(slot, error, 'GUARD_CLASSIFIER_FAILED', slot.ready);
        reject(error);
      };
      worker.on('message', (message: WorkerMessage) => {
        if (slot.worker !== worker) return;
        if ('ready' in message) {
          slot.ready = true;
          worker.unref();
          resolve();
          this.sendQueued();
        } else if ('fatal' in message) fail(new Error(message.fatal));
        else this.answer(slot, message.results);
      });
      worker.on('error', fail);
      worker.on('exit', (code) => fail(new Error(`a classifier thread exited (${code})`)));
    });
  }

  private answer(slot: Slot, results: WorkerReply): void {
    const jobs = slot.inFlight;
    if (results.length !== jobs.length) {
      this.replace(slot, new Error('a classifier thread answered a batch it was not sent'), 'GUARD_CLASSIFIER_FAILED', true);
      return;
    }
    slot.inFlight = [];
    slot.worker!.unref();
    this.sendQueued();
    jobs.forEach((job, i) => {
      const result = results[i]!;
      if ('error' in result) job.reject(new Error(result.error));
      else job.resolve(result);
    });
  }

  private stopOverdueThreads(): void {
    const now = performance.now();
    for (const slot of this.slots) {
      if (slot.inFlight.length > 0 && now - slot.sentAt > this.options.timeoutMs) {
        this.replace(slot, new Error(`a classifier thread took longer than ${this.options.timeoutMs} ms`), 'GUARD_CLASSIFIER_TIMEOUT', true);
      }
    }
  }

  /**
   * Stops a thread that failed: its whole batch is denied (which text caused it cannot be told), and
   * unless `respawn` is false (a thread that could not start) a new thread starts.
   */
  private replace(slot: Slot, error: Error, failure: ClassifierFailure, respawn: boolean): void {
    const worker = slot.worker;
    slot.worker = null;
    slot.ready = false;
    worker?.removeAllListeners();
    worker?.on('error', () => undefined);
    void worker?.terminate();
    for (const job of slot.inFlight.splice(0)) this.deny(job, failure);
    this.options.onThreadFailure?.(error);
    if (this.closed) return;
    if (respawn) this.spawn(slot).catch(() => undefined);
    if (!this.canStillServe()) for (const job of this.queue.splice(0)) this.deny(job, 'GUARD_CLASSIFIER_FAILED');
    else this.sendQueued();
  }
}

/**
 * Built output runs the compiled thread module; from TypeScript sources (tsx, vitest) the thread first
 * registers tsx, which is then installed as a development dependency.
 */
function startWorker(workerData: ClassifierWorkerData): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./classifier-worker.js', here), { workerData });
  // The ESM build of tsx's API (its CommonJS build cannot register hooks from an eval'd thread).
  const tsx = pathToFileURL(createRequire(here).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const entry = new URL('./classifier-worker.ts', here).href;
  const boot = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, workerData });
}
