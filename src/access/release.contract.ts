import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createAuditLog } from '../audit/log.js';
import type { OpenFixture } from './access.contract.js';
import { createAccessService } from './access-service.js';
import { signAccessRequest, signBreakGlass, signDecision, signReview, signRevoke } from './client.js';
import { ARTIFACTS, expectCode, FRONTIER, PLAIN, removeUser, type AccessFixture, type Person } from './testing/access-fixture.js';

const minute = 60_000;

async function grant(f: AccessFixture, options: { artifact?: typeof PLAIN; maxUses?: number | null; ttlSeconds?: number } = {}) {
  const artifact = options.artifact ?? PLAIN;
  const req = await f.service.submitAccessRequest(
    signAccessRequest(f.people.requester, {
      artifactId: artifact.id,
      artifactSha256: artifact.sha256,
      ttlSeconds: options.ttlSeconds ?? 3_600,
      maxUses: options.maxUses ?? null,
      reason: 'fine-tune eval',
      now: f.clock.now(),
    }),
  );
  const approvers: Person[] = artifact === FRONTIER ? [f.people.secApprover, f.people.approver] : [f.people.approver];
  for (const who of approvers) await f.service.decide(req.id, signDecision(who, { requestDigest: req.digest, decision: 'approve', now: f.clock.now() }));
  return req;
}

const releaseOf = (f: AccessFixture, id: string, artifact = PLAIN) =>
  f.service.verifyGrantForRelease(id, { artifactId: artifact.id, artifactSha256: artifact.sha256 });

async function setPayload(f: AccessFixture, table: 'access_requests' | 'access_decisions', column: 'payload' | 'signature', id: string, value: string) {
  const key = table === 'access_requests' ? sql`id` : sql`request_id`;
  await sql`UPDATE ${sql.table(table)} SET ${sql.ref(column)} = ${value} WHERE ${key} = ${id}`.execute(f.store.db);
}

export function registerReleaseContract(open: OpenFixture): void {
  describe('release', () => {
    it('releases an approved grant, audits it before returning, and counts uses', async () => {
      const f = await open();
      const req = await grant(f, { maxUses: 2 });
      const first = await releaseOf(f, req.id);
      expect(first).toMatchObject({ grantId: req.id, kind: 'access', use: 1, maxUses: 2, approverKeyIds: [f.people.approver.keyId] });
      expect(f.audit.events.at(-1)).toMatchObject({ type: 'access.release', actor: f.people.requester.keyId, subject: req.id, details: { use: 1 } });
      expect((await releaseOf(f, req.id)).use).toBe(2);
      await expectCode(releaseOf(f, req.id), 'ACCESS_GRANT_EXHAUSTED');
      await expectCode(releaseOf(f, req.id, ARTIFACTS[1]), 'ACCESS_ARTIFACT_MISMATCH');
    });

    it('refuses after the grant TTL, and caps TTL by the policy at release time', async () => {
      const f = await open();
      const req = await grant(f, { ttlSeconds: 600 });
      f.clock.advance(10 * minute);
      await expectCode(releaseOf(f, req.id), 'ACCESS_GRANT_EXPIRED');
    });

    it('detects tampering with every field of a stored request, and with stored approvals', async () => {
      const f = await open();
      const req = await grant(f);
      const row = await sql<{ payload: string }>`SELECT payload FROM access_requests WHERE id = ${req.id}`.execute(f.store.db);
      const original = row.rows[0]!.payload;
      const signed = JSON.parse(original) as Record<string, unknown>;
      const tampered: Record<string, unknown> = {
        artifactId: 'llama-ckpt-8', artifactSha256: 'f'.repeat(64), scope: 'write', ttlSeconds: 3_601, maxUses: 5, reason: 'fine-tune eval!',
        requesterKeyId: f.people.dualRole.keyId, nonce: '0'.repeat(32), createdAt: (signed.createdAt as number) - 1, expiresAt: (signed.expiresAt as number) + 1,
      };
      expect(Object.keys(tampered).sort()).toEqual(Object.keys(signed).sort());
      for (const [field, value] of Object.entries(tampered)) {
        await setPayload(f, 'access_requests', 'payload', req.id, JSON.stringify({ ...signed, [field]: value }));
        const error = await expectCode(releaseOf(f, req.id), 'ACCESS_SIGNATURE_INVALID');
        expect(error?.message, field).toBe('A signature did not verify.');
      }
      await setPayload(f, 'access_requests', 'payload', req.id, original);
      const decision = await sql<{ payload: string }>`SELECT payload FROM access_decisions WHERE request_id = ${req.id}`.execute(f.store.db);
      const d = JSON.parse(decision.rows[0]!.payload) as Record<string, unknown>;
      await setPayload(f, 'access_decisions', 'payload', req.id, JSON.stringify({ ...d, reason: 'edited' }));
      await expectCode(releaseOf(f, req.id), 'ACCESS_SIGNATURE_INVALID');
      await setPayload(f, 'access_decisions', 'payload', req.id, decision.rows[0]!.payload);
      expect((await releaseOf(f, req.id)).use).toBe(1);
    });

    it('a key removed after approval invalidates the grant (approver or requester)', async () => {
      const f = await open();
      const req = await grant(f);
      await removeUser(f, f.people.approver.keyId);
      await expectCode(releaseOf(f, req.id), 'ACCESS_POLICY_UNSATISFIED');
      const other = await f.service.submitAccessRequest(
        signAccessRequest(f.people.requester, { artifactId: PLAIN.id, artifactSha256: PLAIN.sha256, ttlSeconds: 60, reason: 'r', now: f.clock.now() }),
      );
      await f.service.decide(other.id, signDecision(f.people.secApprover, { requestDigest: other.digest, decision: 'approve', now: f.clock.now() }));
      await removeUser(f, f.people.requester.keyId);
      await expectCode(releaseOf(f, other.id), 'ACCESS_UNKNOWN_IDENTITY');
    });

    it('a single-use grant released concurrently succeeds exactly once', async () => {
      const f = await open();
      const req = await grant(f, { artifact: FRONTIER });
      const results = await Promise.allSettled(Array.from({ length: 8 }, () => releaseOf(f, req.id, FRONTIER)));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect((r.reason as { code?: string }).code).toBe('ACCESS_GRANT_EXHAUSTED');
      expect(f.audit.types().filter((t) => t === 'access.release')).toHaveLength(1);
    });

    it('when the audit append fails nothing is released and no use is consumed', async () => {
      const f = await open();
      const req = await grant(f, { maxUses: 1 });
      f.audit.failing = true;
      await expectCode(releaseOf(f, req.id), 'AUDIT_APPEND_FAILED');
      expect((await f.service.getRequest(req.id)).uses).toBe(0);
      f.audit.failing = false;
      expect((await releaseOf(f, req.id)).use).toBe(1);
    });

    it('revocation ends a grant at once; only the requester, approvers or admins may revoke', async () => {
      const f = await open();
      const pending = await f.service.submitAccessRequest(
        signAccessRequest(f.people.dualRole, { artifactId: PLAIN.id, artifactSha256: PLAIN.sha256, ttlSeconds: 60, reason: 'r', now: f.clock.now() }),
      );
      const byBystander = signRevoke(f.people.requester, { requestDigest: pending.digest, reason: 'x', now: f.clock.now() });
      await expectCode(f.service.revoke(pending.id, byBystander), 'ACCESS_NOT_AUTHORIZED');
      const withdrawn = await f.service.revoke(pending.id, signRevoke(f.people.dualRole, { requestDigest: pending.digest, reason: 'not needed', now: f.clock.now() }));
      expect(withdrawn.status).toBe('revoked');
      await expectCode(
        f.service.decide(pending.id, signDecision(f.people.approver, { requestDigest: pending.digest, decision: 'approve', now: f.clock.now() })),
        'ACCESS_REQUEST_NOT_PENDING',
      );
      const req = await grant(f);
      const revoked = await f.service.revoke(req.id, signRevoke(f.people.secApprover, { requestDigest: req.digest, reason: 'incident', now: f.clock.now() }));
      expect(revoked.status).toBe('revoked');
      await expectCode(releaseOf(f, req.id), 'ACCESS_GRANT_REVOKED');
      expect(f.audit.types()).toContain('access.revoke');
    });
  });

  describe('break-glass', () => {
    it('one admin, usable at once, alerts admins, and leaves a review that shows overdue after 24 h', async () => {
      const f = await open();
      const { admin1, admin2 } = f.people;
      const envelope = signBreakGlass(admin1, { artifactId: PLAIN.id, artifactSha256: PLAIN.sha256, reason: 'prod outage', now: f.clock.now() });
      const bg = await f.service.breakGlass(envelope);
      expect(bg.status).toBe('approved');
      expect(f.notifier.sent.at(-1)).toMatchObject({ kind: 'access.break_glass', audience: 'admins', requestId: bg.id });
      expect(f.audit.events.at(-1)).toMatchObject({ type: 'access.break_glass', actor: admin1.keyId, details: { notification: { delivered: true } } });
      expect(await releaseOf(f, bg.id)).toMatchObject({ kind: 'break_glass', approverKeyIds: [] });
      expect(await f.service.listReviews()).toMatchObject([{ requestId: bg.id, overdue: false, closedAt: null }]);

      f.clock.advance(25 * 60 * minute);
      expect(await f.service.listReviews()).toMatchObject([{ requestId: bg.id, overdue: true }]);
      await expectCode(releaseOf(f, bg.id), 'ACCESS_GRANT_EXPIRED');
      await expectCode(f.service.closeReview(bg.id, signReview(admin1, { requestDigest: bg.digest, note: 'self', now: f.clock.now() })), 'ACCESS_SELF_APPROVAL');
      const closed = await f.service.closeReview(bg.id, signReview(admin2, { requestDigest: bg.digest, note: 'outage ticket 99', now: f.clock.now() }));
      expect(closed).toMatchObject({ overdue: false, closedLate: true, closedBy: admin2.keyId, note: 'outage ticket 99' });
      await expectCode(f.service.closeReview(bg.id, signReview(admin2, { requestDigest: bg.digest, note: 'again', now: f.clock.now() })), 'ACCESS_REVIEW_CLOSED');
      expect(f.audit.types()).toContain('access.review');
    });

    it('refuses break-glass by a non-admin, longer than the policy allows, or replayed as an access request', async () => {
      const f = await open();
      const base = { artifactId: PLAIN.id, artifactSha256: PLAIN.sha256, reason: 'outage', now: f.clock.now() };
      await expectCode(f.service.breakGlass(signBreakGlass(f.people.approver, base)), 'ACCESS_NOT_AUTHORIZED');
      await expectCode(f.service.breakGlass(signBreakGlass(f.people.admin1, { ...base, ttlSeconds: 901 })), 'ACCESS_TTL_TOO_LONG');
      // Same shape, other domain: an access-request signature is not a break-glass signature.
      const asRequest = signAccessRequest(f.people.admin1, { ...base, ttlSeconds: 900, requestTtlSeconds: 900 });
      await expectCode(f.service.breakGlass(asRequest), 'ACCESS_SIGNATURE_INVALID');
    });
  });

  describe('with the real audit log', () => {
    it('records the lifecycle as verifiable entries', async () => {
      const f = await open();
      const dir = mkdtempSync(join(tmpdir(), 'bulwark-access-audit-'));
      try {
        const log = createAuditLog(f.store, { keyFile: join(dir, 'log.key') });
        const service = createAccessService({ db: f.store.db, audit: log, artifacts: { describe: async () => PLAIN }, clock: f.clock });
        const req = await service.submitAccessRequest(
          signAccessRequest(f.people.requester, { artifactId: PLAIN.id, artifactSha256: PLAIN.sha256, ttlSeconds: 60, reason: 'r', now: f.clock.now() }),
        );
        await service.decide(req.id, signDecision(f.people.approver, { requestDigest: req.digest, decision: 'approve', now: f.clock.now() }));
        await service.verifyGrantForRelease(req.id, { artifactId: PLAIN.id, artifactSha256: PLAIN.sha256 });
        const types: string[] = [];
        for await (const entry of log.entries()) types.push((JSON.parse(entry.data) as { type: string }).type);
        expect(types).toEqual(['access.request', 'access.approve', 'access.release']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
