import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../core/clock.js';
import { BulwarkError } from '../core/errors.js';
import { person, type Person } from '../access/testing/access-fixture.js';
import type { Store } from '../store/types.js';
import { createAllowlistService, type AllowlistService } from './allowlist.js';
import { signAllowlistApproval, signAllowlistChange, type EntrySpec } from './changes.js';
import type { KeyDirectory } from './ports.js';
import { RecordingAudit, openTestStore } from './testing/fixture.js';

const T0 = Date.UTC(2025, 0, 1, 9);
const alice = person('alice');
const bob = person('bob');
const carol = person('carol');
const mallory = person('mallory');
const directory: KeyDirectory = {
  async find(keyId) {
    const admins: Person[] = [alice, bob, carol];
    const admin = admins.find((p) => p.keyId === keyId);
    if (admin !== undefined) return { keyId, publicKey: admin.publicKey, roles: ['admin'] };
    return keyId === mallory.keyId ? { keyId, publicKey: mallory.publicKey, roles: ['requester'] } : null;
  },
};
const SPEC: EntrySpec = {
  kind: 'file',
  sha256: 'ab'.repeat(32),
  name: 'trainer',
  owner: 'ml-infra',
  pathPattern: '/opt/trainer/**',
  signer: null,
  path: '/opt/trainer/bin/train',
  size: 1234,
};

let store: Store;
let audit: RecordingAudit;
let service: AllowlistService;
const clock = fixedClock(T0);
const stores: Store[] = [];
afterAll(async () => Promise.all(stores.map((s) => s.close())));

beforeEach(async () => {
  store = await openTestStore();
  stores.push(store);
  audit = new RecordingAudit();
  service = createAllowlistService({ db: store.db, audit, keys: directory, clock });
});

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(BulwarkError);
  return (error as BulwarkError).code;
}

const add = (by: Person = alice) => signAllowlistChange(by, { op: 'add', entry: SPEC, reason: 'new trainer build', now: T0 });

describe('allowlist changes (two parties)', () => {
  it('adds an entry approved by a second admin and records it in the audit log', async () => {
    const change = add();
    const applied = await service.applyApprovedChange(change, [signAllowlistApproval(bob, { change: change.payload, now: T0 + 1000 })]);
    expect(applied.entry).toMatchObject({ ...SPEC, addedBy: alice.keyId, approvedBy: [bob.keyId] });
    expect(await service.list()).toEqual([applied.entry]);
    expect(audit.events).toMatchObject([{ type: 'allowlist.change', actor: alice.keyId, subject: applied.entry.id, details: { op: 'add', approvers: [bob.keyId] } }]);

    const removal = signAllowlistChange(bob, { op: 'remove', entryId: applied.entry.id, reason: 'retired', now: T0 });
    await service.applyApprovedChange(removal, [signAllowlistApproval(carol, { change: removal.payload, now: T0 })]);
    expect(await service.list()).toEqual([]);
  });

  it('refuses self-approval by key, and a change with no second person', async () => {
    const change = add();
    expect(await refusal(service.applyApprovedChange(change, [signAllowlistApproval(alice, { change: change.payload, now: T0 })]))).toBe('ALLOWLIST_SELF_APPROVAL');
    expect(await refusal(service.applyApprovedChange(change, []))).toBe('ALLOWLIST_NOT_AUTHORIZED');
    expect(await service.list()).toEqual([]);
  });

  it('refuses approvals of another change, non-admins, tampered payloads and replays', async () => {
    const change = add();
    const other = signAllowlistChange(alice, { op: 'add', entry: { ...SPEC, sha256: 'cd'.repeat(32) }, reason: 'x', now: T0 });
    const otherApproval = signAllowlistApproval(bob, { change: other.payload, now: T0 });
    expect(await refusal(service.applyApprovedChange(change, [otherApproval]))).toBe('ALLOWLIST_SIGNATURE_INVALID');
    expect(await refusal(service.applyApprovedChange(change, [signAllowlistApproval(mallory, { change: change.payload, now: T0 })]))).toBe('ALLOWLIST_NOT_AUTHORIZED');
    const tampered = { payload: { ...change.payload, entry: { ...SPEC, pathPattern: '/**' } }, signature: change.signature };
    expect(await refusal(service.applyApprovedChange(tampered, [signAllowlistApproval(bob, { change: tampered.payload, now: T0 })]))).toBe('ALLOWLIST_SIGNATURE_INVALID');

    const approval = signAllowlistApproval(bob, { change: change.payload, now: T0 });
    await service.applyApprovedChange(change, [approval]);
    expect(await refusal(service.applyApprovedChange(change, [approval]))).toBe('ALLOWLIST_CHANGE_REPLAYED');
  });

  it('fails closed when the audit log cannot record the change', async () => {
    audit.failing = true;
    const change = add();
    expect(await refusal(service.applyApprovedChange(change, [signAllowlistApproval(bob, { change: change.payload, now: T0 })]))).toBe('AUDIT_APPEND_FAILED');
    expect(await service.list()).toEqual([]);
  });

  it('refuses stale changes and unknown fields', async () => {
    const old = signAllowlistChange(alice, { op: 'add', entry: SPEC, reason: 'x', now: T0 - 2 * 3600_000 });
    expect(await refusal(service.applyApprovedChange(old, [signAllowlistApproval(bob, { change: old.payload, now: T0 })]))).toBe('ALLOWLIST_CHANGE_EXPIRED');
    const change = add();
    const extra = { payload: { ...change.payload, sneaky: true }, signature: change.signature };
    expect(await refusal(service.applyApprovedChange(extra, []))).toBe('ALLOWLIST_INVALID_CHANGE');
  });
});

describe('check', () => {
  it('names exactly the components that are not allowlisted, honouring path patterns', async () => {
    const change = add();
    await service.applyApprovedChange(change, [signAllowlistApproval(bob, { change: change.payload, now: T0 })]);
    const inside = { role: 'executable' as const, path: '/opt/trainer/bin/train', requestedAs: 'train', sha256: SPEC.sha256, size: 1 };
    const outside = { ...inside, path: '/tmp/train' };
    const unknown = { ...inside, role: 'script' as const, sha256: 'ef'.repeat(32) };
    expect(await service.check({ components: [inside] })).toMatchObject({ allowed: true, missing: [] });
    const verdict = await service.check({ components: [inside, outside, unknown] });
    expect(verdict.allowed).toBe(false);
    expect(verdict.missing).toEqual([
      { role: 'executable', path: '/tmp/train', requestedAs: 'train', sha256: SPEC.sha256 },
      { role: 'script', path: '/opt/trainer/bin/train', requestedAs: 'train', sha256: 'ef'.repeat(32) },
    ]);
  });
});
