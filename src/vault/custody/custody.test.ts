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

  it('inits once, rekeys only when unsealed, and refuses a share it cannot audit', async () => {
    const { store, audit, custody } = await setup();
    const first = await custody.init({ shares: 2, threshold: 2, actor: null });
    expect(await codeOf(custody.init({ shares: 2, threshold: 2, actor: null }))).toBe('VAULT_ALREADY_INITIALIZED');
    expect(await codeOf(custody.rekey({ shares: 3, threshold: 2, actor: null }))).toBe('VAULT_SEALED');
    expect(await codeOf(custody.submitShare('zz'))).toBe('VAULT_INVALID_SHARE');
    audit.failing = true;
    expect(await codeOf(custody.submitShare(first.shares[0]!))).toBe('AUDIT_APPEND_FAILED');
    expect((await custody.status()).progress).toBe(0);
    audit.failing = false;
    await custody.submitShare(first.shares[0]!);
    await custody.submitShare(first.shares[1]!);
    const kekBefore = Buffer.from(custody.kekFor('art_x').key);
    const rekeyed = await custody.rekey({ shares: 3, threshold: 2, actor: null });
    await custody.seal(null);
    await custody.submitShare(rekeyed.shares[2]!);
    await custody.submitShare(rekeyed.shares[0]!);
    expect(Buffer.from(custody.kekFor('art_x').key).equals(kekBefore)).toBe(true);
    expect(await codeOf(custody.init({ shares: 1, threshold: 1, actor: null }))).toBe('VAULT_ALREADY_INITIALIZED');
    await store.close();
  });
});
