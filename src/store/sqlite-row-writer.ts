import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { BulwarkError } from '../core/errors.js';
import { unavailable } from './store-errors.js';

/** Appends rows to one table; resolves once they are committed (and, with synchronous=FULL, fsynced). */
export interface RowWriter {
  insert(table: string, rows: readonly Record<string, unknown>[]): Promise<void>;
  close(): Promise<void>;
}

// The writer thread: its own connection to the same file, same durability (WAL, synchronous=FULL),
// one IMMEDIATE transaction per batch. Plain CommonJS so it runs the same under tsc output, tsx and vitest.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db = null;
const statements = new Map();
function statementFor(table, columns) {
  const key = table + '\\u0000' + columns.join(',');
  let statement = statements.get(key);
  if (!statement) {
    const names = columns.map((c) => '"' + c + '"').join(', ');
    statement = db.prepare('INSERT INTO "' + table + '" (' + names + ') VALUES (' + columns.map((c) => '@' + c).join(', ') + ')');
    statements.set(key, statement);
  }
  return statement;
}
parentPort.on('message', ({ id, table, rows }) => {
  try {
    if (db === null) {
      db = new Database(workerData.path);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('busy_timeout = ' + workerData.busyTimeoutMs);
    }
    const insert = statementFor(table, Object.keys(rows[0]));
    db.transaction(() => { for (const row of rows) insert.run(row); }).immediate();
    parentPort.postMessage({ id });
  } catch (error) {
    parentPort.postMessage({ id, error: { message: String(error && error.message), code: error && error.code } });
  }
});
`;

interface Pending {
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Decision inserts on a worker thread. better-sqlite3 is synchronous, so on the main thread every
 * commit's fsync (several milliseconds on ordinary disks) stalls every request in the process; here it
 * stalls only the writer, and group commit gathers whatever arrives meanwhile into the next batch.
 * Durability is unchanged: a caller's promise resolves only after its transaction committed with
 * synchronous=FULL. The thread holds the process open only while a write is in flight.
 */
export function createSqliteRowWriter(path: string, busyTimeoutMs: number): RowWriter {
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let failed: BulwarkError | null = null;
  const whenIdle: (() => void)[] = [];
  let thread: Worker | null = null;
  const settle = (id: number, outcome: (p: Pending) => void) => {
    const waiter = pending.get(id);
    pending.delete(id);
    if (waiter) outcome(waiter);
    if (pending.size > 0) return;
    thread?.unref();
    for (const done of whenIdle.splice(0)) done();
  };
  const failAll = (error: unknown) => {
    failed = unavailable(error);
    for (const id of [...pending.keys()]) settle(id, (p) => p.reject(failed));
  };
  // Started on the first write, so commands that only read never pay for a thread.
  const start = (): Worker => {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, driver, busyTimeoutMs } });
    worker.on('message', ({ id, error }: { id: number; error?: { message: string; code?: string } }) => {
      settle(id, (p) => (error ? p.reject(Object.assign(new Error(error.message), error.code ? { code: error.code } : {})) : p.resolve()));
    });
    worker.on('error', failAll);
    worker.on('exit', (code) => failAll(new Error(`the decision writer thread exited (${code})`)));
    return worker;
  };
  return {
    insert: (table, rows) =>
      new Promise<void>((resolve, reject) => {
        if (failed !== null) return reject(failed);
        if (rows.length === 0) return resolve();
        const id = nextId++;
        pending.set(id, { resolve, reject });
        thread ??= start();
        thread.ref();
        thread.postMessage({ id, table, rows });
      }),
    // Writes already handed to the thread finish (or fail) before it stops.
    close: async () => {
      if (pending.size > 0) await new Promise<void>((done) => whenIdle.push(done));
      failed = unavailable(new Error('the store is closed'));
      thread?.removeAllListeners('exit');
      await thread?.terminate();
    },
  };
}
