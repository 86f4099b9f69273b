import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../core/clock.js';
import { isBulwarkError } from '../core/errors.js';
import type { Store } from '../store/index.js';
import { leafSuffix, type AuditEvent } from './events.js';
import { loadOrCreateLogKey } from './log-key.js';
import { createAuditLog, type AuditLog, type AuditLogOptions } from './log.js';
import { checkpointSignatureValid, hashLeaf, verifyConsistency, verifyInclusion, type LogVerification } from './verify/index.js';

/** Fresh storage per call, plus a folder for key files. */
export interface AuditLogFactory {
  openStore(): Promise<Store>;
  /** A second handle on the same storage as `store` (another replica or process). */
  reopen(store: Store): Promise<Store>;
  keyDir(): string;
  cleanup?(): Promise<void>;
}

export function sampleEvent(n: number, overrides: Partial<AuditEvent> = {}): AuditEvent {
  return { type: 'access.approve', actor: 'approver-key-1', subject: `req_${n}`, time: 1_700_000_000_000 + n, details: { n, scope: ['read'] }, ...overrides };
}

export async function codeOf(promise: Promise<unknown>): Promise<unknown> {
  const error: unknown = await promise.then(() => undefined, (e: unknown) => e);
  return isBulwarkError(error) ? error.code : error;
}

function problemOf(result: LogVerification): { index: number; reason: string } | null {
  return result.ok ? null : { index: result.problem.index, reason: result.problem.reason };
}

/** The audit log's behaviour, registered once per dialect; the database is edited directly to tamper. */
export function registerAuditLogContract(factory: AuditLogFactory): void {
  const opened: Store[] = [];
  let keyCounter = 0;
  const keyFile = (): string => join(factory.keyDir(), `key-${(keyCounter += 1)}`, 'audit-log-key.pem');
  const open = async (options: Partial<AuditLogOptions> = {}): Promise<{ store: Store; log: AuditLog; key: string }> => {
    const store = await factory.openStore();
    opened.push(store);
    const key = options.keyFile ?? keyFile();
    return { store, log: createAuditLog(store, { keyFile: key, checkpointEveryEntries: 10, ...options }), key };
  };
  const publicKeyOf = (key: string) => loadOrCreateLogKey(key).publicKey;

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });
  afterAll(async () => {
    await factory.cleanup?.();
  });

  describe('appending', () => {
    it('gives dense indexes and RFC 6962 leaf hashes over the exact stored bytes', async () => {
      const { log } = await open();
      const details = { nested: { z: 1, a: [true, null, 'é\u0000\u2028'] }, big: 2 ** 53 - 1 };
      const appended = [await log.append(sampleEvent(0)), await log.append(sampleEvent(1, { details }))];
      expect(appended.map((a) => a.index)).toEqual([0, 1]);
      const stored = [];
      for await (const entry of log.entries()) stored.push(entry);
      expect(stored.map((e) => e.leafHash)).toEqual(appended.map((a) => a.leafHash));
      expect(stored.map((e) => hashLeaf(e.data).toString('hex'))).toEqual(appended.map((a) => a.leafHash));
      expect(JSON.parse(stored[1]!.data)).toMatchObject({ v: 1, index: 1, type: 'access.approve', details });
      expect(stored[1]!.data).toMatch(/^\{"actor":"approver-key-1","details":\{"big":9007199254740991,"nested":\{"a":\[/);
    });

    it('finds the newest entry of a type by its top-level type, not by a look-alike inside details', async () => {
      const { log } = await open();
      expect(await log.latest('policy.change')).toBeNull();
      await log.append(sampleEvent(0, { type: 'policy.change', details: { sha256: 'first' } }));
      await log.append(sampleEvent(1, { type: 'policy.change', details: { sha256: 'second' } }));
      // A string that reads like the suffix, and a nested object ending with the same keys.
      await log.append(sampleEvent(2, { details: { note: ',"type":"policy.change","v":1}', nested: { type: 'policy.change', v: 1 } } }));
      for await (const entry of log.entries()) expect(entry.data.endsWith(leafSuffix('policy.change'))).toBe(entry.index < 2);
      const latest = await log.latest('policy.change');
      expect(latest).toMatchObject({ index: 1, type: 'policy.change', details: { sha256: 'second' } });
      expect(await log.latest('vault.seal')).toBeNull();
    });

    it('rejects an invalid event with AUDIT_APPEND_FAILED and a batch containing one writes nothing', async () => {
      const { log } = await open();
      const bad = [
        sampleEvent(0, { type: 'vault.steal' as AuditEvent['type'] }),
        sampleEvent(0, { details: { x: Number.NaN } }),
        sampleEvent(0, { details: { x: undefined } as unknown as AuditEvent['details'] }),
        sampleEvent(0, { time: -1 }),
        sampleEvent(0, { details: 'x'.repeat(70_000) }),
      ];
      for (const event of bad) expect(await codeOf(log.append(event))).toBe('AUDIT_APPEND_FAILED');
      expect(await codeOf(log.appendMany([sampleEvent(0), bad[1]!]))).toBe('AUDIT_APPEND_FAILED');
      expect((await log.append(sampleEvent(0))).index).toBe(0);
    });

    it('keeps indexes dense and the log verifiable under concurrent callers', async () => {
      const { log, key } = await open();
      const singles = Array.from({ length: 40 }, (_, i) => log.append(sampleEvent(i)));
      const batches = [0, 1, 2].map((b) => log.appendMany(Array.from({ length: 7 }, (_, i) => sampleEvent(100 + b * 10 + i))));
      const results = [...(await Promise.all(singles)), ...(await Promise.all(batches)).flat()];
      expect(results.map((r) => r.index).sort((a, b) => a - b)).toEqual(Array.from({ length: 61 }, (_, i) => i));
      expect(await log.verify(publicKeyOf(key))).toMatchObject({ ok: true, size: 61 });
    });

    it('shares one transaction among appends that arrive while a commit runs (one checkpoint for the group, not one per 10)', async () => {
      const { log, key } = await open();
      const appended = await Promise.all(Array.from({ length: 30 }, (_, i) => log.append(sampleEvent(i))));
      expect(appended.map((a) => a.index)).toEqual(Array.from({ length: 30 }, (_, i) => i));
      // The first append commits alone (and signs: first append); the other 29 arrived meanwhile and
      // commit together, so the log signs once more at 30 rather than at 11, 21 (checkpointEveryEntries 10).
      expect((await log.checkpoints()).map((c) => c.size)).toEqual([1, 30]);
      expect(await log.verify(publicKeyOf(key))).toMatchObject({ ok: true, size: 30 });
    });

    it('commits concurrent appends together, in arrival order; a bad event among them fails only its own caller', async () => {
      const { log, key } = await open();
      const calls = Array.from({ length: 30 }, (_, i) => (i === 17 ? sampleEvent(i, { details: { x: Number.NaN } }) : sampleEvent(i)));
      const settled = await Promise.allSettled(calls.map((event) => log.append(event)));
      expect(settled.map((r) => r.status)).toEqual(calls.map((_, i) => (i === 17 ? 'rejected' : 'fulfilled')));
      const failure: unknown = (settled[17] as PromiseRejectedResult).reason;
      expect(isBulwarkError(failure) && failure.code).toBe('AUDIT_APPEND_FAILED');
      const indexes = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value.index] : []));
      expect(indexes).toEqual(Array.from({ length: 29 }, (_, i) => i));
      const stored: string[] = [];
      for await (const entry of log.entries()) stored.push(entry.data);
      expect(stored.map((data) => (JSON.parse(data) as { subject: string }).subject)).toEqual(calls.filter((_, i) => i !== 17).map((e) => e.subject));
      expect(await log.verify(publicKeyOf(key))).toMatchObject({ ok: true, size: 29 });
    });

    it('fails closed with AUDIT_APPEND_FAILED when the database is gone', async () => {
      const { store, log } = await open();
      await store.close();
      expect(await codeOf(log.append(sampleEvent(0)))).toBe('AUDIT_APPEND_FAILED');
    });

    it('continues at the right index after a reopen', async () => {
      const { store, log, key } = await open();
      await log.appendMany([sampleEvent(0), sampleEvent(1), sampleEvent(2)]);
      const again = await factory.reopen(store);
      opened.push(again);
      const log2 = createAuditLog(again, { keyFile: key, checkpointEveryEntries: 10 });
      expect((await log2.append(sampleEvent(3))).index).toBe(3);
      expect(await log2.verify(publicKeyOf(key))).toMatchObject({ ok: true, size: 4 });
    });
  });

  describe('checkpoints', () => {
    it('signs on the first append, every N entries, and after the interval; each signature verifies', async () => {
      const clock = fixedClock(1_700_000_000_000);
      const { log, key } = await open({ checkpointEveryEntries: 5, checkpointIntervalMs: 60_000, clock });
      await log.append(sampleEvent(0));
      await log.appendMany([1, 2, 3, 4].map((n) => sampleEvent(n)));
      await log.append(sampleEvent(5));
      clock.advance(60_000);
      await log.append(sampleEvent(6));
      const latest = await log.latestCheckpoint();
      expect(latest).toMatchObject({ size: 7, time: 1_700_000_060_000, origin: 'bulwark/audit' });
      const result = await log.verify(publicKeyOf(key));
      expect(result).toMatchObject({ ok: true, size: 7, signedSize: 7, checkpointsVerified: 3 });
      expect(checkpointSignatureValid(latest!, publicKeyOf(key))).toBe(true);
      expect(checkpointSignatureValid({ ...latest!, size: 6 }, publicKeyOf(key))).toBe(false);
    });

    it('checkpoint() signs unsigned entries once and then returns the same checkpoint', async () => {
      const { log } = await open({ checkpointEveryEntries: 100 });
      await log.appendMany([0, 1, 2].map((n) => sampleEvent(n)));
      await log.append(sampleEvent(3));
      const first = await log.checkpoint();
      expect(first.size).toBe(4);
      expect(await log.checkpoint()).toEqual(first);
    });

    it('creates the log key 0600 and exports its public half', async () => {
      const { log, key } = await open();
      await log.append(sampleEvent(0));
      expect(statSync(key).mode & 0o777).toBe(0o600);
      expect(Buffer.from(log.publicKey(), 'base64')).toHaveLength(32);
    });

    it('refuses to sign with a different key than the one that signed the log (AUDIT_KEY_MISMATCH)', async () => {
      const { store, log } = await open({ checkpointEveryEntries: 1 });
      await log.append(sampleEvent(0));
      const intruder = createAuditLog(store, { keyFile: keyFile(), checkpointEveryEntries: 1 });
      const error: unknown = await intruder.append(sampleEvent(1)).catch((e: unknown) => e);
      expect(isBulwarkError(error) && error.code).toBe('AUDIT_APPEND_FAILED');
      expect(isBulwarkError(error) && error.message).toContain('AUDIT_KEY_MISMATCH');
      expect((await log.append(sampleEvent(1))).index).toBe(1);
    });
  });

  describe('proofs', () => {
    it('proves inclusion of every covered entry against the latest checkpoint, and consistency', async () => {
      const { log } = await open({ checkpointEveryEntries: 4 });
      await log.appendMany(Array.from({ length: 13 }, (_, i) => sampleEvent(i)));
      const checkpoint = await log.checkpoint();
      for (let i = 0; i < 13; i += 1) {
        const p = await log.proveInclusion(i);
        verifyInclusion(i, p.checkpoint.size, Buffer.from(p.leafHash, 'hex'), p.proof.map((h) => Buffer.from(h, 'hex')), Buffer.from(checkpoint.root, 'hex'));
      }
      const c = await log.proveConsistency(5);
      verifyConsistency(5, 13, c.proof.map((h) => Buffer.from(h, 'hex')), Buffer.from(c.fromRoot, 'hex'), Buffer.from(checkpoint.root, 'hex'));
    });

    it('has no proof for entries beyond the latest checkpoint', async () => {
      const { log } = await open({ checkpointEveryEntries: 100 });
      expect(await codeOf(log.proveInclusion(0))).toBe('AUDIT_PROOF_UNAVAILABLE');
      await log.appendMany([sampleEvent(0), sampleEvent(1)]); // the first append is checkpointed (size 2)
      // Past the end of the log: no such entry (404), not a proof to wait for (503).
      expect(await codeOf(log.proveInclusion(2))).toBe('AUDIT_ENTRY_NOT_FOUND');
      expect(await codeOf(log.proveInclusion(1e12))).toBe('AUDIT_ENTRY_NOT_FOUND');
      await log.append(sampleEvent(2));
      expect(await codeOf(log.proveInclusion(2))).toBe('AUDIT_PROOF_UNAVAILABLE');
    });
  });

  describe('tampering in the database', () => {
    const build = async (count = 25) => {
      const opened = await open({ checkpointEveryEntries: 10 });
      // One at a time, so checkpoints land at sizes 1, 11 and 21 (first append, then every 10), then 25.
      for (let i = 0; i < count; i += 1) await opened.log.append(sampleEvent(i));
      await opened.log.checkpoint();
      return { ...opened, publicKey: publicKeyOf(opened.key) };
    };
    const setData = (store: Store, idx: number, data: string, leafHash?: string) =>
      store.db.updateTable('audit_entries').set({ data, ...(leafHash === undefined ? {} : { leaf_hash: leafHash }) }).where('idx', '=', idx).execute();
    const row = async (store: Store, idx: number) =>
      store.db.selectFrom('audit_entries').selectAll().where('idx', '=', idx).executeTakeFirstOrThrow();

    it('an edited row is named', async () => {
      const { store, log, publicKey } = await build();
      const { data } = await row(store, 13);
      await setData(store, 13, data.replace('approver-key-1', 'someone-else'));
      expect(problemOf(await log.verify(publicKey))).toEqual({ index: 13, reason: 'edited' });
    });

    it('an edited row with a recomputed hash is caught by the checkpoint covering it', async () => {
      const { store, log, publicKey } = await build();
      const data = (await row(store, 13)).data.replace('approver-key-1', 'someone-else');
      await setData(store, 13, data, hashLeaf(data).toString('hex'));
      expect(await log.verify(publicKey)).toMatchObject({ ok: false, problem: { index: 11, reason: 'root-mismatch', checkpointSize: 21 } });
    });

    it('a deleted row is named, and so is a deleted tail', async () => {
      const { store, log, publicKey } = await build();
      await store.db.deleteFrom('audit_entries').where('idx', '=', 7).execute();
      expect(problemOf(await log.verify(publicKey))).toEqual({ index: 7, reason: 'missing' });
      const other = await build();
      await other.store.db.deleteFrom('audit_entries').where('idx', '>=', 22).execute();
      expect(problemOf(await other.log.verify(other.publicKey))).toEqual({ index: 22, reason: 'truncated' });
    });

    it('swapped rows and rows renumbered over a deletion are named', async () => {
      const { store, log, publicKey } = await build();
      const [a, b] = [await row(store, 4), await row(store, 9)];
      await setData(store, 4, b.data, b.leaf_hash);
      await setData(store, 9, a.data, a.leaf_hash);
      expect(problemOf(await log.verify(publicKey))).toEqual({ index: 4, reason: 'reordered' });

      const other = await build();
      await other.store.db.deleteFrom('audit_entries').where('idx', '=', 3).execute();
      await sql`UPDATE audit_entries SET idx = idx + 1000000 WHERE idx > 3`.execute(other.store.db);
      await sql`UPDATE audit_entries SET idx = idx - 1000001 WHERE idx > 1000000`.execute(other.store.db);
      expect(problemOf(await other.log.verify(other.publicKey))).toEqual({ index: 3, reason: 'reordered' });
    });

    it('a forged checkpoint signature is named', async () => {
      const { store, log, publicKey } = await build();
      const forger = generateKeyPairSync('ed25519');
      const { signature } = (await store.db.selectFrom('audit_checkpoints').select('signature').where('size', '=', 11).executeTakeFirstOrThrow());
      const flipped = Buffer.from(signature, 'base64');
      flipped[0]! ^= 1;
      await store.db.updateTable('audit_checkpoints').set({ signature: flipped.toString('base64') }).where('size', '=', 11).execute();
      expect(problemOf(await log.verify(publicKey))).toEqual({ index: 1, reason: 'bad-signature' });
      expect(problemOf(await log.verify(createPublicKey(forger.privateKey)))).toEqual({ index: 0, reason: 'bad-signature' });
    });

    it('a history rewritten and re-signed with the stolen key disagrees with a checkpoint saved earlier', async () => {
      const { store, log, key, publicKey } = await build();
      const saved = (await log.latestCheckpoint())!;
      // The attacker holds the key: rewrites entry 5, recomputes every hash, re-signs every checkpoint.
      const entries = [];
      for await (const e of log.entries()) entries.push(e);
      await store.db.deleteFrom('audit_entries').execute();
      await store.db.deleteFrom('audit_checkpoints').execute();
      await store.db.updateTable('audit_head').set({ size: 0, compact_range: '[]', checkpoint_size: null, checkpoint_time: null, public_key: null }).execute();
      const rewriter = createAuditLog(store, { keyFile: key, checkpointEveryEntries: 10 });
      await rewriter.appendMany(entries.map((e, i) => sampleEvent(i, i === 5 ? { actor: 'nobody' } : {})));
      await rewriter.checkpoint();
      expect(await log.verify(publicKey)).toMatchObject({ ok: true });
      expect(await log.verify(publicKey, saved)).toMatchObject({ ok: false, problem: { reason: 'inconsistent' } });
    });
  });
}

/** Writes a key file readable by others, to check that it is refused. */
export function writeLooseKey(path: string): void {
  writeFileSync(path, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o644 });
}
