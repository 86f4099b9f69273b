import type { Kysely } from 'kysely';
import { z } from 'zod';
import { BulwarkError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { Database } from '../store/types.js';
import { deleteUser, findUserByName, getUser, insertRequest, insertUser, listUsers, spendNonce, updateUser } from './access-repository.js';
import { MIN_ADMINS } from './approval-policy.js';
import { canonicalize } from './canonical-json.js';
import { publicKeyFromPem } from './identity.js';
import {
  parsePayload,
  poolNameSchema,
  USER_ROLES,
  userNameSchema,
  usersChangeSchema,
  type SignedEnvelope,
  type UserChange,
  type UserRole,
} from './payloads.js';
import { appendOrRefuse, type AuditDetail } from './ports.js';
import type { AccessUser, RequestSummary } from './records.js';
import { isRawPublicKey, keyIdOf, payloadDigest } from './signing.js';
import { authenticateSigner, notifySafely, replay, requireFresh, requireRole, requireUnusedNonce, type AccessContext } from './steps.js';

/** A bootstrap admin as `vault init` passes it: a name and a public key (raw base64 or SPKI PEM). */
export interface BootstrapUser {
  readonly name: string;
  readonly publicKey: string;
  /** Default ['admin']; must include 'admin'. */
  readonly roles?: readonly UserRole[];
  readonly pools?: readonly string[];
}

function conflict(message: string): BulwarkError {
  return new BulwarkError('ACCESS_USER_CONFLICT', message);
}

function toBootstrapUser(input: BootstrapUser, now: number): AccessUser {
  const publicKey = input.publicKey.startsWith('-----BEGIN') ? publicKeyFromPem(input.publicKey).publicKey : input.publicKey;
  const parsedRoles = z.array(z.enum(USER_ROLES)).safeParse([...new Set(input.roles ?? ['admin'])]);
  const roles = parsedRoles.success ? parsedRoles.data : [];
  const pools = [...new Set(input.pools ?? [])];
  const problems = [
    ...(userNameSchema.safeParse(input.name).success ? [] : [{ path: 'name', message: 'a user name (letters, digits, . _ @ -)' }]),
    ...(isRawPublicKey(publicKey) ? [] : [{ path: `${input.name}.publicKey`, message: 'an Ed25519 public key' }]),
    ...(roles.includes('admin') ? [] : [{ path: `${input.name}.roles`, message: "known roles, including 'admin'" }]),
    ...(pools.every((p) => poolNameSchema.safeParse(p).success) ? [] : [{ path: `${input.name}.pools`, message: 'pool names' }]),
  ];
  if (problems.length > 0) throw new BulwarkError('ACCESS_INVALID_PAYLOAD', 'A bootstrap admin is not valid.', { problems });
  return { keyId: keyIdOf(publicKey), name: input.name, publicKey, roles, pools, createdAt: now, updatedAt: now };
}

/**
 * Registers the first admins at vault init. Only ever once, and never fewer than MIN_ADMINS: every
 * later users change needs a second admin's approval, so one admin alone could never change anything.
 */
export async function bootstrapAdmins(ctx: AccessContext, admins: readonly BootstrapUser[]): Promise<AccessUser[]> {
  const now = ctx.clock.now();
  const users = admins.map((a) => toBootstrapUser(a, now));
  if (new Set(users.map((u) => u.keyId)).size !== users.length || new Set(users.map((u) => u.name)).size !== users.length) {
    throw conflict('Bootstrap admins must have distinct names and distinct keys.');
  }
  if (users.length < MIN_ADMINS) {
    throw new BulwarkError('ACCESS_POLICY_UNSATISFIED', `Register at least ${MIN_ADMINS} admins: every users change needs a second admin.`);
  }
  if ((await listUsers(ctx.db)).length > 0) throw alreadyInitialized();
  await appendOrRefuse(ctx.audit, {
    type: 'users.change',
    actor: null,
    subject: null,
    time: now,
    details: { phase: 'bootstrap', users: users.map(describeUser) },
  });
  await ctx.db.transaction().execute(async (trx) => {
    if ((await listUsers(trx)).length > 0) throw alreadyInitialized();
    for (const user of users) await insertUser(trx, user);
  });
  return users;
}

function alreadyInitialized(): BulwarkError {
  return new BulwarkError('ACCESS_ALREADY_INITIALIZED', 'Users are already registered; add more with a users change.');
}

function describeUser(u: AccessUser): { [key: string]: AuditDetail } {
  return { name: u.name, keyId: u.keyId, publicKey: u.publicKey, roles: [...u.roles], pools: [...u.pools] };
}

export function describeChange(change: UserChange): { [key: string]: AuditDetail } {
  switch (change.op) {
    case 'add':
      return { op: 'add', name: change.name, keyId: keyIdOf(change.publicKey), publicKey: change.publicKey, roles: change.roles, pools: change.pools };
    case 'update':
      return { op: 'update', keyId: change.keyId, roles: change.roles, pools: change.pools };
    case 'remove':
      return { op: 'remove', keyId: change.keyId };
  }
}

/** The users table as it would be after `change`; throws when the change cannot apply. */
export async function checkUserChange(db: Kysely<Database>, change: UserChange): Promise<AccessUser[]> {
  const users = await listUsers(db);
  let after: AccessUser[];
  switch (change.op) {
    case 'add': {
      const keyId = keyIdOf(change.publicKey);
      if (!isRawPublicKey(change.publicKey)) throw new BulwarkError('ACCESS_INVALID_PAYLOAD', 'The new user’s public key is not an Ed25519 key.');
      if (users.some((u) => u.keyId === keyId)) throw conflict('That key is already registered.');
      if (users.some((u) => u.name === change.name)) throw conflict('That user name is taken.');
      after = [...users, { keyId, name: change.name, publicKey: change.publicKey, roles: change.roles, pools: change.pools, createdAt: 0, updatedAt: 0 }];
      break;
    }
    case 'update':
      if (!users.some((u) => u.keyId === change.keyId)) throw conflict('No user has that key.');
      after = users.map((u) => (u.keyId === change.keyId ? { ...u, roles: change.roles, pools: change.pools } : u));
      break;
    case 'remove':
      if (!users.some((u) => u.keyId === change.keyId)) throw conflict('No user has that key.');
      after = users.filter((u) => u.keyId !== change.keyId);
      break;
  }
  if (after.filter((u) => u.roles.includes('admin')).length < MIN_ADMINS) {
    throw new BulwarkError('ACCESS_POLICY_UNSATISFIED', `The change would leave fewer than ${MIN_ADMINS} admins.`);
  }
  return after;
}

/** Applies an approved change inside the approving transaction, re-checking it against current rows. */
export async function applyUserChange(trx: Kysely<Database>, change: UserChange, now: number): Promise<void> {
  await checkUserChange(trx, change);
  switch (change.op) {
    case 'add': {
      const user = { keyId: keyIdOf(change.publicKey), name: change.name, publicKey: change.publicKey, roles: change.roles, pools: change.pools };
      if ((await findUserByName(trx, user.name)) !== null || (await getUser(trx, user.keyId)) !== null) throw conflict('That user already exists.');
      await insertUser(trx, { ...user, createdAt: now, updatedAt: now });
      return;
    }
    case 'update':
      if (!(await updateUser(trx, change.keyId, change.roles, change.pools, now))) throw conflict('No user has that key.');
      return;
    case 'remove':
      if (!(await deleteUser(trx, change.keyId))) throw conflict('No user has that key.');
      return;
  }
}

/** An admin's signed request to add, change or remove a user; a second admin must approve it. */
export async function submitUsersChange(ctx: AccessContext, envelope: SignedEnvelope): Promise<RequestSummary> {
  const now = ctx.clock.now();
  const payload = parsePayload(usersChangeSchema, envelope.payload, 'users change');
  const admin = await authenticateSigner(ctx, payload.requesterKeyId, 'usersChange', payload, envelope.signature);
  requireRole(admin, 'admin');
  requireFresh(ctx, payload.createdAt, now);
  const window = payload.expiresAt - payload.createdAt;
  if (window <= 0 || window > ctx.policy.requestTtlSeconds * 1000) {
    throw new BulwarkError('ACCESS_INVALID_PAYLOAD', `A request must expire within ${ctx.policy.requestTtlSeconds} s of its creation.`);
  }
  await requireUnusedNonce(ctx, payload.nonce);
  await checkUserChange(ctx.db, payload.change);

  const id = newId('usr', now);
  const digest = payloadDigest('usersChange', payload);
  const change = describeChange(payload.change);
  const notification = await notifySafely(ctx, {
    kind: 'users.change',
    audience: 'admins',
    requestId: id,
    artifactId: null,
    requesterName: admin.name,
    requesterKeyId: admin.keyId,
    reason: payload.reason,
    time: now,
    text: `Bulwark: ${admin.name} asks to ${payload.change.op} a user (request ${id}); a second admin must approve with \`bulwark access approve ${id}\`.`,
  });
  await appendOrRefuse(ctx.audit, {
    type: 'users.change',
    actor: admin.keyId,
    subject: id,
    time: now,
    details: { phase: 'requested', change, reason: payload.reason, digest, notification },
  });
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await spendNonce(trx, payload.nonce, admin.keyId, now))) throw replay();
    await insertRequest(trx, {
      id,
      kind: 'users_change',
      digest,
      payloadText: canonicalize(payload),
      signature: envelope.signature,
      requesterKeyId: admin.keyId,
      artifactId: null,
      status: 'pending',
      createdAt: now,
      expiresAt: payload.expiresAt,
      decidedAt: null,
      grantExpiresAt: null,
    });
  });
  return { id, status: 'pending', digest };
}
