import { sql } from 'kysely';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../store/types.js';
import { registerReleaseContract } from './release.contract.js';
import { signAccessRequest, signDecision, signUsersChange } from './client.js';
import { newNonce, signEnvelope } from './payloads.js';
import { buildFixture, expectCode, FRONTIER, PLAIN, person, T0, type AccessFixture } from './testing/access-fixture.js';

export interface AccessStoreFactory {
  readonly dialect: 'sqlite' | 'postgres';
  /** A fresh, migrated, empty store each call. */
  open(): Promise<Store>;
  cleanup?(): Promise<void>;
}

export type OpenFixture = () => Promise<AccessFixture>;

/**
 * Two-party authorization as every store must show it. Registered once per dialect
 * (access-sqlite.test.ts, access-postgres.test.ts).
 */
export function registerAccessContract(factory: AccessStoreFactory): void {
  const opened: Store[] = [];
  const open: OpenFixture = async () => {
    const store = await factory.open();
    opened.push(store);
    return buildFixture(store);
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });
  afterAll(async () => {
    await factory.cleanup?.();
  });
  registerRequestContract(open);
  registerUsersContract(open);
  registerReleaseContract(open);
}

const hour = 3_600_000;

function request(f: AccessFixture, who = f.people.requester, overrides: { artifact?: typeof PLAIN; ttlSeconds?: number } = {}) {
  const artifact = overrides.artifact ?? PLAIN;
  return signAccessRequest(who, {
    artifactId: artifact.id,
    artifactSha256: artifact.sha256,
    ttlSeconds: overrides.ttlSeconds ?? 3_600,
    reason: 'eval run 42',
    now: f.clock.now(),
  });
}

function approve(f: AccessFixture, who: AccessFixture['people']['approver'], digest: string, decision: 'approve' | 'deny' = 'approve') {
  return signDecision(who, { requestDigest: digest, decision, reason: decision === 'deny' ? 'not justified' : '', now: f.clock.now() });
}

function registerRequestContract(open: OpenFixture): void {
  describe('access requests and decisions', () => {
    it('request → approval → grant: the id stays the same and every step is audited and notified', async () => {
      const f = await open();
      const { requester, approver } = f.people;
      const req = await f.service.submitAccessRequest(request(f));
      expect(req).toMatchObject({ status: 'pending' });
      expect(f.notifier.sent.at(-1)).toMatchObject({ kind: 'access.request', audience: 'approvers', requestId: req.id, artifactId: PLAIN.id });
      const decided = await f.service.decide(req.id, approve(f, approver, req.digest));
      expect(decided).toEqual({ id: req.id, status: 'approved', digest: req.digest });
      const record = await f.service.getRequest(req.id);
      expect(record).toMatchObject({ kind: 'access', status: 'approved', requesterKeyId: requester.keyId, grantExpiresAt: T0 + hour });
      expect(record.decisions).toEqual([{ approverKeyId: approver.keyId, decision: 'approve', reason: '', time: T0 }]);
      expect(f.audit.types().slice(-2)).toEqual(['access.request', 'access.approve']);
      expect(f.audit.events.at(-2)).toMatchObject({ actor: requester.keyId, subject: req.id, details: { digest: req.digest, notification: { delivered: true } } });
    });

    it('refuses self-approval by key, even when the requester holds the approver role', async () => {
      const f = await open();
      const req = await f.service.submitAccessRequest(request(f, f.people.dualRole));
      await expectCode(f.service.decide(req.id, approve(f, f.people.dualRole, req.digest)), 'ACCESS_SELF_APPROVAL');
      expect((await f.service.getRequest(req.id)).status).toBe('pending');
    });

    it('refuses an approval from a requester-only identity and a request from an approver-only one', async () => {
      const f = await open();
      const req = await f.service.submitAccessRequest(request(f, f.people.dualRole));
      await expectCode(f.service.decide(req.id, approve(f, f.people.requester, req.digest)), 'ACCESS_NOT_AUTHORIZED');
      await expectCode(f.service.submitAccessRequest(request(f, f.people.approver)), 'ACCESS_NOT_AUTHORIZED');
    });

    it('AND-ed pools: frontier weights need one `security` approver plus one more person', async () => {
      const f = await open();
      const { approver, secApprover, dualRole } = f.people;
      const req = await f.service.submitAccessRequest(request(f, f.people.requester, { artifact: FRONTIER }));
      expect((await f.service.decide(req.id, approve(f, approver, req.digest))).status).toBe('pending');
      expect((await f.service.decide(req.id, approve(f, dualRole, req.digest))).status).toBe('pending');
      expect((await f.service.decide(req.id, approve(f, secApprover, req.digest))).status).toBe('approved');

      const alone = await f.service.submitAccessRequest(request(f, f.people.requester, { artifact: FRONTIER }));
      // One security member must not fill both slots by themselves.
      expect((await f.service.decide(alone.id, approve(f, secApprover, alone.digest))).status).toBe('pending');
      await expectCode(f.service.decide(alone.id, approve(f, secApprover, alone.digest)), 'ACCESS_DUPLICATE_APPROVAL');
    });

    it('approvals arriving concurrently all count, and the request is approved exactly once', async () => {
      const f = await open();
      const req = await f.service.submitAccessRequest(request(f, f.people.requester, { artifact: FRONTIER }));
      const results = await Promise.allSettled(
        [f.people.secApprover, f.people.approver].map((who) => f.service.decide(req.id, approve(f, who, req.digest))),
      );
      const statuses = results.map((r) => (r.status === 'fulfilled' ? r.value.status : (r.reason as { code?: string }).code));
      // Whoever commits second sees the first approval under the row lock and completes the rule.
      expect(statuses.sort()).toEqual(['approved', 'pending']);
      const record = await f.service.getRequest(req.id);
      expect(record.status).toBe('approved');
      expect(record.decisions).toHaveLength(2);
    });

    it('a pending request expires after DEFAULT_REQUEST_TTL_SECONDS and can no longer be approved', async () => {
      const f = await open();
      const req = await f.service.submitAccessRequest(request(f));
      f.clock.advance(hour);
      await expectCode(f.service.decide(req.id, approve(f, f.people.approver, req.digest)), 'ACCESS_REQUEST_EXPIRED');
      expect((await f.service.getRequest(req.id)).status).toBe('expired');
      expect((await f.service.listRequests({ status: 'expired' })).map((r) => r.id)).toEqual([req.id]);
      expect(await f.service.listRequests({ status: 'pending' })).toEqual([]);
    });

    it('a denial is final: a later approval is refused and the request never becomes a grant', async () => {
      const f = await open();
      const req = await f.service.submitAccessRequest(request(f));
      expect((await f.service.decide(req.id, approve(f, f.people.secApprover, req.digest, 'deny'))).status).toBe('denied');
      await expectCode(f.service.decide(req.id, approve(f, f.people.approver, req.digest)), 'ACCESS_REQUEST_NOT_PENDING');
      await expectCode(f.service.verifyGrantForRelease(req.id, { artifactId: PLAIN.id, artifactSha256: PLAIN.sha256 }), 'ACCESS_GRANT_NOT_APPROVED');
      expect(f.audit.types()).toContain('access.deny');
    });

    it('refuses replays: the same signed request twice, and a nonce reused in another payload', async () => {
      const f = await open();
      const envelope = request(f);
      await f.service.submitAccessRequest(envelope);
      await expectCode(f.service.submitAccessRequest(envelope), 'ACCESS_REPLAY');
      const reused = signEnvelope(f.people.requester, 'accessRequest', { ...envelope.payload, reason: 'different reason' });
      await expectCode(f.service.submitAccessRequest(reused), 'ACCESS_REPLAY');
      expect((await f.service.listRequests()).filter((r) => r.kind === 'access')).toHaveLength(1);
    });

    it('refuses a decision signed for a different request, forged signatures and unknown keys', async () => {
      const f = await open();
      const a = await f.service.submitAccessRequest(request(f));
      const b = await f.service.submitAccessRequest(request(f));
      await expectCode(f.service.decide(b.id, approve(f, f.people.approver, a.digest)), 'ACCESS_INVALID_PAYLOAD');
      const forged = { ...approve(f, f.people.approver, b.digest), signature: approve(f, f.people.secApprover, b.digest).signature };
      await expectCode(f.service.decide(b.id, forged), 'ACCESS_SIGNATURE_INVALID');
      await expectCode(f.service.decide(b.id, approve(f, person('mallory'), b.digest)), 'ACCESS_UNKNOWN_IDENTITY');
      const claimed = signEnvelope(f.people.requester, 'accessRequest', { ...request(f).payload, requesterKeyId: f.people.dualRole.keyId });
      await expectCode(f.service.submitAccessRequest(claimed), 'ACCESS_SIGNATURE_INVALID');
    });

    it('checks TTL against the policy, the artifact hash, clock skew and unknown fields', async () => {
      const f = await open();
      await expectCode(f.service.submitAccessRequest(request(f, f.people.requester, { ttlSeconds: 8 * 3_600 + 1 })), 'ACCESS_TTL_TOO_LONG');
      const wrongHash = signAccessRequest(f.people.requester, { artifactId: PLAIN.id, artifactSha256: FRONTIER.sha256, ttlSeconds: 60, reason: 'r', now: f.clock.now() });
      await expectCode(f.service.submitAccessRequest(wrongHash), 'ACCESS_ARTIFACT_MISMATCH');
      const unknown = signAccessRequest(f.people.requester, { artifactId: 'nope', artifactSha256: PLAIN.sha256, ttlSeconds: 60, reason: 'r', now: f.clock.now() });
      await expectCode(f.service.submitAccessRequest(unknown), 'ACCESS_ARTIFACT_UNKNOWN');
      const future = signAccessRequest(f.people.requester, { artifactId: PLAIN.id, artifactSha256: PLAIN.sha256, ttlSeconds: 60, reason: 'r', now: f.clock.now() + 10 * 60_000 });
      await expectCode(f.service.submitAccessRequest(future), 'ACCESS_CLOCK_SKEW');
      const extra = signEnvelope(f.people.requester, 'accessRequest', { ...request(f).payload, note: 'hidden' });
      await expectCode(f.service.submitAccessRequest(extra), 'ACCESS_INVALID_PAYLOAD');
    });

    it('a failing notifier never blocks the request; the failure is in the audit details', async () => {
      const f = await open();
      f.notifier.failing = true;
      const req = await f.service.submitAccessRequest(request(f));
      expect(req.status).toBe('pending');
      expect(f.notificationFailures).toHaveLength(1);
      expect(f.audit.events.at(-1)?.details).toMatchObject({ notification: { delivered: false, error: 'webhook down' } });
    });

    it('an audit append failure refuses the request and stores nothing', async () => {
      const f = await open();
      f.audit.failing = true;
      await expectCode(f.service.submitAccessRequest(request(f)), 'AUDIT_APPEND_FAILED');
      expect(await f.service.listRequests({ kind: 'access' })).toEqual([]);
    });
  });
}

function registerUsersContract(open: OpenFixture): void {
  describe('users and roles', () => {
    it('bootstraps once, with at least two admins', async () => {
      const f = await open();
      await expectCode(f.service.bootstrapAdmins([{ name: 'eve', publicKey: person('eve').publicKey }, { name: 'zed', publicKey: person('zed').publicKey }]), 'ACCESS_ALREADY_INITIALIZED');
      expect((await f.service.listUsers()).map((u) => u.name).sort()).toEqual(
        ['alice-admin', 'bob-admin', 'dana-dual', 'pat-approver', 'rita-requester', 'sam-security'],
      );
      expect(f.audit.events[0]).toMatchObject({ type: 'users.change', actor: null, details: { phase: 'bootstrap' } });
    });

    it('a users change needs a second admin: not the requesting admin, not an approver', async () => {
      const f = await open();
      const newcomer = person('nora');
      const change = { op: 'add' as const, name: 'nora', publicKey: newcomer.publicKey, roles: ['requester' as const], pools: [] };
      const req = await f.service.submitUsersChange(signUsersChange(f.people.admin1, { change, reason: 'new hire', now: f.clock.now() }));
      await expectCode(f.service.decide(req.id, approve(f, f.people.admin1, req.digest)), 'ACCESS_SELF_APPROVAL');
      await expectCode(f.service.decide(req.id, approve(f, f.people.approver, req.digest)), 'ACCESS_NOT_AUTHORIZED');
      expect((await f.service.listUsers()).some((u) => u.name === 'nora')).toBe(false);
      await f.service.decide(req.id, approve(f, f.people.admin2, req.digest));
      expect((await f.service.listUsers()).find((u) => u.name === 'nora')).toMatchObject({ keyId: newcomer.keyId, roles: ['requester'] });
      await expectCode(f.service.submitUsersChange(signUsersChange(f.people.requester, { change, reason: 'x', now: f.clock.now() })), 'ACCESS_NOT_AUTHORIZED');
    });

    it('refuses a change that would leave fewer than two admins, or that conflicts', async () => {
      const f = await open();
      const demote = { op: 'update' as const, keyId: f.people.admin2.keyId, roles: ['approver' as const], pools: [] };
      await expectCode(f.service.submitUsersChange(signUsersChange(f.people.admin1, { change: demote, reason: 'x', now: f.clock.now() })), 'ACCESS_POLICY_UNSATISFIED');
      const dupe = { op: 'add' as const, name: 'someone-else', publicKey: f.people.approver.publicKey, roles: ['requester' as const], pools: [] };
      await expectCode(f.service.submitUsersChange(signUsersChange(f.people.admin1, { change: dupe, reason: 'x', now: f.clock.now() })), 'ACCESS_USER_CONFLICT');
    });

    it('stores exactly what was signed (canonical text), so the signature can be re-checked later', async () => {
      const f = await open();
      const envelope = request(f);
      const req = await f.service.submitAccessRequest(envelope);
      const row = await sql<{ payload: string }>`SELECT payload FROM access_requests WHERE id = ${req.id}`.execute(f.store.db);
      expect(JSON.parse(row.rows[0]!.payload)).toEqual(envelope.payload);
      expect(newNonce()).toMatch(/^[0-9a-f]{32}$/);
    });
  });
}
