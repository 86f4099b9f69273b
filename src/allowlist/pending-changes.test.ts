import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { person } from '../access/testing/access-fixture.js';
import { openStore } from '../store/open-store.js';
import { createTestSchemas, probePostgres, testPostgresUrl } from '../store/testing/postgres-test-db.js';
import { describeWithService } from '../store/testing/service-gate.js';
import type { Store } from '../store/types.js';
import { allowlistChangeDigest, signAllowlistApproval, signAllowlistChange, type EntrySpec } from './changes.js';
import { createPendingChangeStore } from './pending-changes.js';

const T0 = Date.UTC(2025, 0, 1, 9);
const alice = person('alice');
const bob = person('bob');
const carol = person('carol');
const SPEC: EntrySpec = { kind: 'file', sha256: 'cd'.repeat(32), name: 'trainer', owner: 'ml', pathPattern: null, signer: null, path: '/opt/t', size: 10 };

function change(reason = 'new trainer') {
  const signed = signAllowlistChange(alice, { op: 'add', entry: SPEC, reason, now: T0 });
  return { digest: allowlistChangeDigest(signed.payload), change: signed };
}

/** The queue every replica shares: the same behaviour on SQLite and PostgreSQL. */
function registerPendingContract(open: (reopen?: boolean) => Promise<Store>): void {
  const stores: Store[] = [];
  afterAll(async () => Promise.all(stores.map((s) => s.close())));
  const fresh = async (reopen = false) => {
    const store = await open(reopen);
    stores.push(store);
    return createPendingChangeStore(store.db);
  };

  it('queues a signed change once by digest and gives back the exact signed payload', async () => {
    const pending = await fresh();
    const input = change();
    const first = await pending.add({ ...input, now: T0 });
    const again = await pending.add({ ...input, now: T0 + 5 });
    expect(again.id).toBe(first.id);
    expect(first).toMatchObject({ digest: input.digest, approvals: [], createdAt: T0 });
    // What comes back must still hash to the digest the approvers sign.
    expect(allowlistChangeDigest((await pending.get(first.id)).change.payload)).toBe(input.digest);
    expect((await pending.get(first.id)).change.signature).toBe(input.change.signature);
    const other = await pending.add({ ...change('another'), now: T0 + 1 });
    expect((await pending.list()).map((p) => p.id)).toEqual([first.id, other.id]);
  });

  it('counts each approver once, survives a restart, and forgets the change once removed', async () => {
    const pending = await fresh();
    const input = change();
    const { id } = await pending.add({ ...input, now: T0 });
    const byBob = signAllowlistApproval(bob, { change: input.change.payload, now: T0 + 1 });
    await pending.addApproval({ id, approverKeyId: bob.keyId, approval: byBob, now: T0 + 1 });
    const byBobAgain = signAllowlistApproval(bob, { change: input.change.payload, now: T0 + 2 });
    const afterBob = await pending.addApproval({ id, approverKeyId: bob.keyId, approval: byBobAgain, now: T0 + 2 });
    expect(afterBob.approvals).toEqual([byBobAgain]);
    const byCarol = signAllowlistApproval(carol, { change: input.change.payload, now: T0 + 3 });
    await pending.addApproval({ id, approverKeyId: carol.keyId, approval: byCarol, now: T0 + 3 });

    const restarted = await fresh(true);
    expect((await restarted.get(id)).approvals).toEqual([byBobAgain, byCarol]);
    await restarted.remove(id);
    await expect(restarted.get(id)).rejects.toMatchObject({ code: 'ALLOWLIST_CHANGE_NOT_FOUND' });
    await expect(restarted.addApproval({ id, approverKeyId: bob.keyId, approval: byBob, now: T0 + 4 })).rejects.toMatchObject({ code: 'ALLOWLIST_CHANGE_NOT_FOUND' });
    expect(await restarted.list()).toEqual([]);
  });

  it('unknown and oversized ids are not found, never a store error', async () => {
    const pending = await fresh();
    await expect(pending.get('alr_nope')).rejects.toMatchObject({ code: 'ALLOWLIST_CHANGE_NOT_FOUND' });
    await expect(pending.get('x'.repeat(10_000))).rejects.toMatchObject({ code: 'ALLOWLIST_CHANGE_NOT_FOUND' });
  });
}

const root = mkdtempSync(join(tmpdir(), 'bulwark-pending-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('pending allowlist changes on sqlite', () => {
  let counter = 0;
  registerPendingContract(async (reopen) => {
    if (reopen !== true) counter += 1;
    return openStore({ driver: 'sqlite', sqlite: { path: join(root, `run-${counter}.db`) } });
  });
});

const url = testPostgresUrl();
const schemas = createTestSchemas(url, 'allowlist_pending');
const probe = await probePostgres(url);

describeWithService(`pending allowlist changes on postgres (${url})`, 'PostgreSQL', probe, process.env.CI === 'true', () => {
  let schema = '';
  afterAll(schemas.dropAll);
  registerPendingContract(async (reopen) => {
    if (reopen !== true) schema = schemas.fresh();
    return openStore({ driver: 'postgres', postgres: { url, schema, poolSize: 4 } });
  });
});
