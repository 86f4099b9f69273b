/**
 * Audit log speed, each number against a baseline measured in the same run:
 *  - appends/s on SQLite (WAL, synchronous=FULL) through AuditLog.append / appendMany, against raw
 *    INSERTs of the same rows, with no hashing, no head row, no checkpoints: one caller appending one
 *    event at a time (baseline: one INSERT per transaction), 64 callers appending at once as a busy
 *    server does (the log group-commits them; baseline: the same one INSERT per transaction, i.e. what
 *    the log cost before group commit bounded), and appendMany in batches of 100 (baseline: the same batches);
 *  - entries verified/s by the pure verifier (hash, index check, tree, checkpoint signatures), against
 *    raw SHA-256 of the same bytes, plus the same verification streamed out of the database.
 * Targets: ≥ 5,000 appends/s (the concurrent line is the server's case), ≥ 200,000 entries verified/s. No assertions.
 * Run: npm run bench:audit [-- --entries 200000]
 */
import * as nodeCrypto from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAuditLog, loadOrCreateLogKey, verifyLog, type AuditEvent, type StoredEntry } from '../src/audit/index.js';
import { serializeLeaf } from '../src/audit/events.js';
import { CompactRange, hashLeaf, signCheckpoint, type SignedCheckpoint } from '../src/audit/verify/index.js';
import { openStore, type Store } from '../src/store/index.js';

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

const SINGLE_APPENDS = argument('single', 2_000);
const CONCURRENT_APPENDS = argument('concurrent', 20_000);
const CALLERS = argument('callers', 64);
const BATCHED_APPENDS = argument('batched', 50_000);
const BATCH = argument('batch', 100);
const VERIFY_ENTRIES = argument('entries', 200_000);
const CHECKPOINT_EVERY = 1_000;

function event(i: number): AuditEvent {
  return {
    type: 'access.release',
    actor: 'ed25519:4f1c9a0e7b2d',
    subject: `artifact-${i % 97}`,
    time: 1_700_000_000_000 + i,
    details: { grant: `grt_${i.toString(36).padStart(8, '0')}`, bytes: 268_435_456, sha256: 'ab'.repeat(32), singleUse: true },
  };
}

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

async function rawInserts(store: Store, rows: StoredEntry[], batch: number): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < rows.length; i += batch) {
    const slice = rows.slice(i, i + batch).map((r) => ({ idx: r.index, leaf_hash: r.leafHash, data: r.data }));
    await store.db.transaction().execute((trx) => trx.insertInto('audit_entries').values(slice).execute());
  }
  return rows.length / seconds(start);
}

async function logAppends(store: Store, keyFile: string, count: number, batch: number, callers: number): Promise<number> {
  const log = createAuditLog(store, { keyFile, checkpointEveryEntries: CHECKPOINT_EVERY });
  const start = process.hrtime.bigint();
  let next = 0;
  // Each caller appends and awaits, one event (or batch) at a time, like a request handler.
  const caller = async (): Promise<void> => {
    for (let i = next; i < count; i = next) {
      next += batch;
      if (batch === 1) await log.append(event(i));
      else await log.appendMany(Array.from({ length: Math.min(batch, count - i) }, (_, j) => event(i + j)));
    }
  };
  await Promise.all(Array.from({ length: callers }, caller));
  return count / seconds(start);
}

/** The same rows the log would store, so the baseline inserts identical bytes. */
function storedRows(count: number): StoredEntry[] {
  return Array.from({ length: count }, (_, i) => {
    const data = serializeLeaf(event(i), i);
    return { index: i, leafHash: hashLeaf(data).toString('hex'), data };
  });
}

async function benchAppends(dir: string, keyFile: string, label: string, count: number, batch: number, callers = 1): Promise<void> {
  const rows = storedRows(count);
  const raw = await openStore({ driver: 'sqlite', sqlite: { path: join(dir, `${label.replace(/\W+/g, '-')}-raw.db`) } });
  const logged = await openStore({ driver: 'sqlite', sqlite: { path: join(dir, `${label.replace(/\W+/g, '-')}-log.db`) } });
  try {
    const baseline = await rawInserts(raw, rows, batch);
    const measured = await logAppends(logged, keyFile, count, batch, callers);
    report(`append (${label}, ${count} events)`, measured, baseline, 'raw INSERT of the same rows');
  } finally {
    await Promise.all([raw.close(), logged.close()]);
  }
}

function signedLog(count: number, keyFile: string): { entries: StoredEntry[]; checkpoints: SignedCheckpoint[] } {
  const key = loadOrCreateLogKey(keyFile);
  const entries = storedRows(count);
  const checkpoints: SignedCheckpoint[] = [];
  const range = CompactRange.empty();
  for (const e of entries) {
    range.append(Buffer.from(e.leafHash, 'hex'));
    if (range.size % CHECKPOINT_EVERY === 0 || range.size === count) {
      checkpoints.push(signCheckpoint({ origin: 'bulwark/audit', size: range.size, root: range.root().toString('hex'), time: range.size }, key.privateKey, key.publicKey));
    }
  }
  return { entries, checkpoints };
}

function benchVerify(keyFile: string): void {
  const { entries, checkpoints } = signedLog(VERIFY_ENTRIES, keyFile);
  const { publicKey } = loadOrCreateLogKey(keyFile);
  let start = process.hrtime.bigint();
  let sink = 0;
  // The fastest raw SHA-256 Node offers (one-shot crypto.hash where present), so the ratio is honest.
  const sha256 = typeof nodeCrypto.hash === 'function' ? (d: string) => nodeCrypto.hash('sha256', d) : (d: string) => nodeCrypto.createHash('sha256').update(d).digest('hex');
  for (const e of entries) sink ^= sha256(e.data).charCodeAt(0);
  const baseline = entries.length / seconds(start);
  start = process.hrtime.bigint();
  const result = verifyLog(entries, checkpoints, publicKey);
  const measured = entries.length / seconds(start);
  if (!result.ok || sink < 0) throw new Error('benchmark log did not verify');
  report(`verify in memory (${entries.length} entries, ${checkpoints.length} checkpoints)`, measured, baseline, 'raw SHA-256 of the same bytes');
}

async function benchVerifyFromStore(dir: string, keyFile: string): Promise<void> {
  const store = await openStore({ driver: 'sqlite', sqlite: { path: join(dir, 'batched-log.db') } });
  try {
    const log = createAuditLog(store, { keyFile });
    const start = process.hrtime.bigint();
    const result = await log.verify(loadOrCreateLogKey(keyFile).publicKey);
    const rate = (result.ok ? result.size : 0) / seconds(start);
    process.stdout.write(`verify from SQLite (${result.ok ? result.size : 'FAILED'} entries): ${fmt(rate)}/s\n`);
  } finally {
    await store.close();
  }
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

function report(what: string, measured: number, baseline: number, against: string): void {
  process.stdout.write(`${what}: ${fmt(measured)}/s; baseline (${against}) ${fmt(baseline)}/s; ratio ${(measured / baseline).toFixed(2)}\n`);
}

const dir = mkdtempSync(join(tmpdir(), 'bulwark-audit-bench-'));
const keyFile = join(dir, 'audit-log-key.pem');
try {
  await benchAppends(dir, keyFile, 'single', SINGLE_APPENDS, 1);
  await benchAppends(dir, keyFile, `${CALLERS} concurrent callers`, CONCURRENT_APPENDS, 1, CALLERS);
  await benchAppends(dir, keyFile, 'batched', BATCHED_APPENDS, BATCH);
  benchVerify(keyFile);
  await benchVerifyFromStore(dir, keyFile);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
