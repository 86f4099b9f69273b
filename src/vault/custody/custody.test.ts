import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../audit/index.js';
import { isBulwarkError } from '../../core/errors.js';
import { openStore, SQLITE_MEMORY_PATH } from '../../store/index.js';
import { createKeyCustody, type VaultAuditSink } from './custody.js';

class RecordingAudit implements VaultAuditSink {
  readonly events: AuditEvent[] = [];
  failing = false;
  async append(event: AuditEvent): Promise<unknown> {
    if (this.failing) throw new Error('disk full');
    this.events.push(event);
    return { index: this.events.length - 1 };
  }
}

async function setup() {
  const store = await openStore({ driver: 'sqlite', sqlite: { path: SQLITE_MEMORY_PATH } });
  const audit = new RecordingAudit();
  const custody = createKeyCustody({ db: store.db, audit });
  return { store, audit, custody };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return isBulwarkError(error) ? error.code : String(error);
  }
  return 'resolved';
}

describe('key custody', () => {
  it('unseals with any M distinct shares of N, derives per-artifact KEKs, and seals again', async () => {
    const { store, audit, custody } = await setup();
    const { shares, threshold } = await custody.init({ shares: 5, threshold: 3, actor: null });
    expect(shares).toHaveLength(5);
    expect(threshold).toBe(3);
    expect((await custody.status()).sealed).toBe(true);
    expect(() => custody.kekFor('art_1')).toThrow(/sealed/);

    await custody.submitShare(shares[4]!);
    expect(await codeOf(custody.submitShare(shares[4]!))).toBe('VAULT_DUPLICATE_SHARE');
    await custody.submitShare(shares[1]!);
    const status = await custody.submitShare(shares[2]!);
    expect(status).toMatchObject({ sealed: false, progress: 0 });
    const a = custody.kekFor('art_a');
    const b = custody.kekFor('art_b');
    expect(Buffer.from(a.key).equals(Buffer.from(b.key))).toBe(false);
    expect(a.id).toBe(status.keyId);

    await custody.seal(null);
    expect((await custody.status()).sealed).toBe(true);
    expect(audit.events.map((e) => e.type)).toEqual(['vault.init', 'vault.unseal.share', 'vault.unseal.share', 'vault.unseal.share', 'vault.unseal', 'vault.seal']);
    // No share or key material reaches the audit log.
    const logged = JSON.stringify(audit.events);
    for (const share of shares) expect(logged).not.toContain(share);
    await store.close();
  });

  it('refuses shares of another vault and starts over', async () => {
    const { store, custody } = await setup();
    await custody.init({ shares: 3, threshold: 2, actor: null });
    const other = await setup();
    const foreign = await other.custody.init({ shares: 3, threshold: 2, actor: null });
    await custody.submitShare(foreign.shares[0]!);
    expect(await codeOf(custody.submitShare(foreign.shares[1]!))).toBe('VAULT_UNSEAL_FAILED');
    expect(await custody.status()).toMatchObject({ sealed: true, progress: 0 });
    await store.close();
    await other.store.close();
  });

  it('inits once and refuses a share it cannot audit', async () => {
    const { store, audit, custody } = await setup();
    const first = await custody.init({ shares: 2, threshold: 2, actor: null });
    expect(await codeOf(custody.init({ shares: 2, threshold: 2, actor: null }))).toBe('VAULT_ALREADY_INITIALIZED');
    expect(await codeOf(custody.submitShare('zz'))).toBe('VAULT_INVALID_SHARE');
    audit.failing = true;
    expect(await codeOf(custody.submitShare(first.shares[0]!))).toBe('AUDIT_APPEND_FAILED');
    expect((await custody.status()).progress).toBe(0);
    audit.failing = false;
    await custody.submitShare(first.shares[0]!);
    expect(await custody.submitShare(first.shares[1]!)).toMatchObject({ sealed: false });
    expect(await codeOf(custody.init({ shares: 1, threshold: 1, actor: null }))).toBe('VAULT_ALREADY_INITIALIZED');
    await store.close();
  });

  it('rekeys with M current shares: new shares for the same master key, so every KEK is unchanged', async () => {
    const { store, audit, custody } = await setup();
    const old = await custody.init({ shares: 5, threshold: 3, actor: null });
    for (const share of old.shares.slice(0, 3)) await custody.submitShare(share);
    const kekBefore = Buffer.from(custody.kekFor('art_x').key);
    await custody.seal(null);

    expect(await codeOf(custody.rekey.submitShare({ nonce: 'none', share: old.shares[0]! }))).toBe('VAULT_REKEY_NOT_STARTED');
    expect(await codeOf(custody.rekey.start({ shares: 1, threshold: 2, actor: 'admin' }))).toBe('VAULT_INVALID_ARGUMENT');
    const started = await custody.rekey.start({ shares: 3, threshold: 2, actor: 'admin' });
    expect(started).toMatchObject({ started: true, shares: 3, threshold: 2, progress: 0, required: 3 });
    expect(await codeOf(custody.rekey.start({ shares: 3, threshold: 2, actor: 'admin' }))).toBe('VAULT_REKEY_IN_PROGRESS');
    const nonce = started.nonce!;
    expect(await codeOf(custody.rekey.submitShare({ nonce: 'stale', share: old.shares[1]! }))).toBe('VAULT_REKEY_NOT_STARTED');
    expect((await custody.rekey.submitShare({ nonce, share: old.shares[1]! })).result).toBeNull();
    expect(await codeOf(custody.rekey.submitShare({ nonce, share: old.shares[1]! }))).toBe('VAULT_DUPLICATE_SHARE');
    expect((await custody.rekey.submitShare({ nonce, share: old.shares[3]! })).status.progress).toBe(2);
    const done = await custody.rekey.submitShare({ nonce, share: old.shares[4]! });
    expect(done.status.started).toBe(false);
    expect(done.result).toMatchObject({ keyId: old.keyId, threshold: 2 });
    expect(done.result!.shares).toHaveLength(3);
    expect(await custody.status()).toMatchObject({ sealed: true, shares: 3, threshold: 2 });

    // A mix of old and new shares lies on no one polynomial: it reconstructs garbage and is refused.
    await custody.submitShare(old.shares[0]!);
    expect(await codeOf(custody.submitShare(done.result!.shares[0]!))).toBe('VAULT_UNSEAL_FAILED');
    await custody.submitShare(done.result!.shares[2]!);
    await custody.submitShare(done.result!.shares[1]!);
    expect(Buffer.from(custody.kekFor('art_x').key).equals(kekBefore)).toBe(true);
    const phases = audit.events.filter((e) => e.type === 'vault.rekey').map((e) => (e.details as { phase: string }).phase);
    expect(phases).toEqual(['start', 'share', 'share', 'share', 'complete']);
    const logged = JSON.stringify(audit.events);
    for (const share of [...old.shares, ...done.result!.shares]) expect(logged).not.toContain(share);
    await store.close();
  });

  it('cancels a rekey whose shares are from another vault, and on request', async () => {
    const { store, custody } = await setup();
    await custody.init({ shares: 3, threshold: 2, actor: null });
    const foreign = await (await setup()).custody.init({ shares: 3, threshold: 2, actor: null });
    const { nonce } = await custody.rekey.start({ shares: 3, threshold: 2, actor: null });
    await custody.rekey.submitShare({ nonce: nonce!, share: foreign.shares[0]! });
    expect(await codeOf(custody.rekey.submitShare({ nonce: nonce!, share: foreign.shares[1]! }))).toBe('VAULT_UNSEAL_FAILED');
    expect((await custody.rekey.status()).started).toBe(false);
    expect(await custody.status()).toMatchObject({ shares: 3, threshold: 2 });
    await custody.rekey.start({ shares: 4, threshold: 3, actor: null });
    expect((await custody.rekey.cancel('admin')).started).toBe(false);
    expect(await codeOf(custody.rekey.cancel('admin'))).toBe('VAULT_REKEY_NOT_STARTED');
    await store.close();
  });
});
