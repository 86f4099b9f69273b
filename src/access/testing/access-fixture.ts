import { createHash, createPrivateKey } from 'node:crypto';
import { expect } from 'vitest';
import { fixedClock } from '../../core/clock.js';
import { isBulwarkError, type BulwarkError } from '../../core/errors.js';
import type { Store } from '../../store/types.js';
import { createAccessService, type AccessService } from '../access-service.js';
import { resolveApprovalPolicy } from '../approval-policy.js';
import { signDecision, signUsersChange, requestDigestOf } from '../client.js';
import { generateIdentity, type SigningIdentity } from '../identity.js';
import type { UserRole } from '../payloads.js';
import type { AccessAuditEvent, AccessNotification, ArtifactInfo, AuditSink, Notifier } from '../ports.js';

export const T0 = Date.UTC(2025, 0, 1, 9, 0, 0);

export interface Person extends SigningIdentity {
  readonly name: string;
}

export function person(name: string): Person {
  const g = generateIdentity(name);
  return { name, keyId: g.keyId, publicKey: g.publicKey, privateKey: createPrivateKey(g.privateKeyPem) };
}

/** An audit sink double that records events and can be told to fail, like a full disk would. */
export class RecordingAudit implements AuditSink {
  readonly events: AccessAuditEvent[] = [];
  failing = false;

  async append(event: AccessAuditEvent): Promise<unknown> {
    if (this.failing) throw new Error('disk full');
    // A round trip through JSON proves the details are plain data the real log can hash.
    this.events.push(JSON.parse(JSON.stringify(event)) as AccessAuditEvent);
    return { index: this.events.length - 1 };
  }

  types(): string[] {
    return this.events.map((e) => e.type);
  }
}

export class RecordingNotifier implements Notifier {
  readonly sent: AccessNotification[] = [];
  failing = false;

  async notify(n: AccessNotification): Promise<void> {
    if (this.failing) throw new Error('webhook down');
    this.sent.push(n);
  }
}

export const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

export const ARTIFACTS: readonly ArtifactInfo[] = [
  { id: 'llama-ckpt-7', sha256: sha('llama-ckpt-7 plaintext'), label: null },
  { id: 'frontier-ckpt-1', sha256: sha('frontier plaintext'), label: 'frontier-weights' },
];
export const PLAIN = ARTIFACTS[0]!;
export const FRONTIER = ARTIFACTS[1]!;

export interface People {
  readonly admin1: Person;
  readonly admin2: Person;
  /** approver in pool `security`. */
  readonly secApprover: Person;
  /** approver in no pool. */
  readonly approver: Person;
  readonly requester: Person;
  /** has both requester and approver roles: the self-approval case. */
  readonly dualRole: Person;
}

export interface AccessFixture {
  readonly service: AccessService;
  readonly store: Store;
  readonly audit: RecordingAudit;
  readonly notifier: RecordingNotifier;
  readonly clock: ReturnType<typeof fixedClock>;
  readonly people: People;
  readonly notificationFailures: unknown[];
}

/** A service over `store` with two bootstrap admins and four more users added through users changes. */
export async function buildFixture(store: Store): Promise<AccessFixture> {
  const clock = fixedClock(T0);
  const audit = new RecordingAudit();
  const notifier = new RecordingNotifier();
  const notificationFailures: unknown[] = [];
  const artifacts = { describe: async (id: string) => ARTIFACTS.find((a) => a.id === id) ?? null };
  const service = createAccessService({
    db: store.db,
    audit,
    artifacts,
    notifier,
    clock,
    policy: resolveApprovalPolicy({}),
    onNotificationFailure: (error) => notificationFailures.push(error),
  });
  const people: People = {
    admin1: person('alice-admin'),
    admin2: person('bob-admin'),
    secApprover: person('sam-security'),
    approver: person('pat-approver'),
    requester: person('rita-requester'),
    dualRole: person('dana-dual'),
  };
  await service.bootstrapAdmins([
    { name: people.admin1.name, publicKey: people.admin1.publicKey },
    { name: people.admin2.name, publicKey: people.admin2.publicKey },
  ]);
  const fixture = { service, store, audit, notifier, clock, people, notificationFailures };
  await addUser(fixture, people.secApprover, ['approver'], ['security']);
  await addUser(fixture, people.approver, ['approver'], []);
  await addUser(fixture, people.requester, ['requester'], []);
  await addUser(fixture, people.dualRole, ['requester', 'approver'], []);
  return fixture;
}

/** admin1 requests the change, admin2 approves it: the users.change path, end to end. */
export async function addUser(f: AccessFixture, who: Person, roles: UserRole[], pools: string[]): Promise<void> {
  const { admin1, admin2 } = f.people;
  const change = { op: 'add' as const, name: who.name, publicKey: who.publicKey, roles, pools };
  const req = await f.service.submitUsersChange(signUsersChange(admin1, { change, reason: 'onboarding', now: f.clock.now() }));
  await f.service.decide(req.id, signDecision(admin2, { requestDigest: req.digest, decision: 'approve', now: f.clock.now() }));
}

export async function removeUser(f: AccessFixture, keyId: string): Promise<void> {
  const { admin1, admin2 } = f.people;
  const req = await f.service.submitUsersChange(signUsersChange(admin1, { change: { op: 'remove', keyId }, reason: 'offboarding', now: f.clock.now() }));
  const record = await f.service.getRequest(req.id);
  const digest = requestDigestOf(record.kind, record.payload);
  await f.service.decide(req.id, signDecision(admin2, { requestDigest: digest, decision: 'approve', now: f.clock.now() }));
}

export async function expectCode(promise: Promise<unknown>, code: string): Promise<BulwarkError | undefined> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isBulwarkError(error) ? error.code : error).toBe(code);
  return isBulwarkError(error) ? error : undefined;
}
