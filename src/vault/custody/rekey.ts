import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AuditEvent } from '../../audit/index.js';
import { systemClock, type Clock } from '../../core/clock.js';
import { BulwarkError } from '../../core/errors.js';
import type { Database } from '../../store/types.js';
import { recordOrRefuse, type VaultAuditSink } from '../record-or-refuse.js';
import type { InitResult } from './custody.js';
import { readKeyring, updateKeyringShares, type KeyringRecord } from './keyring-repository.js';
import { verifierMatches } from './master-key.js';
import { assertShareCounts, combineShares, parseShare, shareIndexOf, splitMasterKey } from './shares.js';

/**
 * Rekey: new shares (a new N and M) for the same master key, authorized by M of the current shares.
 * The master key does not change, so every per-artifact KEK, every wrapped data key and every
 * artifact header stay valid and nothing is rewritten (docs/vault-format.md, "Rekey").
 * Shares live only in this process's memory until the threshold is met, like unseal shares.
 */
export interface RekeyStatus {
  /** False when no rekey is in progress (the other fields are then null or 0). */
  readonly started: boolean;
  /** Binds every share submission to this rekey and its parameters. */
  readonly nonce: string | null;
  /** The new share count and threshold. */
  readonly shares: number | null;
  readonly threshold: number | null;
  /** Current shares received; `required` of them (the current threshold) complete the rekey. */
  readonly progress: number;
  readonly required: number | null;
}

export interface RekeyShareResult {
  readonly status: RekeyStatus;
  /** Set once, by the submission that completes the rekey: the new shares, shown once, never stored. */
  readonly result: InitResult | null;
}

export interface Rekeying {
  status(): Promise<RekeyStatus>;
  start(input: { shares: number; threshold: number; actor: string | null }): Promise<RekeyStatus>;
  submitShare(input: { nonce: string; share: string }): Promise<RekeyShareResult>;
  cancel(actor: string | null): Promise<RekeyStatus>;
}

interface Pending {
  readonly nonce: string;
  readonly shares: number;
  readonly threshold: number;
  readonly received: Map<number, Buffer>;
}

const NOT_STARTED: RekeyStatus = Object.freeze({ started: false, nonce: null, shares: null, threshold: null, progress: 0, required: null });

function notStarted(): BulwarkError {
  return new BulwarkError('VAULT_REKEY_NOT_STARTED', 'No rekey with this nonce is in progress; start one with bulwark vault rekey start.');
}

export function createRekeying(options: {
  readonly db: Kysely<Database>;
  readonly audit: VaultAuditSink;
  readonly clock?: Clock;
  /** Runs `task` in custody's queue, so rekey never interleaves with init, unseal or seal. */
  readonly serialized: <T>(task: () => Promise<T>) => Promise<T>;
}): Rekeying {
  const { db, audit, serialized } = options;
  const clock = options.clock ?? systemClock;
  let pending: Pending | null = null;

  const event = (actor: string | null, details: Record<string, string | number | null>): AuditEvent => ({ type: 'vault.rekey', actor, subject: 'vault', time: clock.now(), details });
  const statusOf = (keyring: KeyringRecord | null): RekeyStatus =>
    pending === null
      ? NOT_STARTED
      : { started: true, nonce: pending.nonce, shares: pending.shares, threshold: pending.threshold, progress: pending.received.size, required: keyring?.threshold ?? null };
  const drop = (): void => {
    for (const share of pending?.received.values() ?? []) share.fill(0);
    pending = null;
  };
  const requireKeyring = async (): Promise<KeyringRecord> => {
    const keyring = await readKeyring(db);
    if (keyring === null) throw new BulwarkError('VAULT_NOT_INITIALIZED', 'The vault is not initialized; run bulwark vault init.');
    return keyring;
  };

  async function start(input: { shares: number; threshold: number; actor: string | null }): Promise<RekeyStatus> {
    const keyring = await requireKeyring();
    assertShareCounts(input.shares, input.threshold);
    if (pending !== null) throw new BulwarkError('VAULT_REKEY_IN_PROGRESS', 'A rekey is already in progress; finish or cancel it first.');
    const nonce = randomBytes(16).toString('hex');
    await recordOrRefuse(audit, event(input.actor, { phase: 'start', nonce, keyId: keyring.keyId, shares: input.shares, threshold: input.threshold }));
    pending = { nonce, shares: input.shares, threshold: input.threshold, received: new Map() };
    return statusOf(keyring);
  }

  async function submitShare(input: { nonce: string; share: string }): Promise<RekeyShareResult> {
    const keyring = await requireKeyring();
    const current = pending;
    if (current === null || current.nonce !== input.nonce) throw notStarted();
    const share = parseShare(input.share);
    const index = shareIndexOf(share);
    if (current.received.has(index)) {
      share.fill(0);
      throw new BulwarkError('VAULT_DUPLICATE_SHARE', 'This share was already submitted; the threshold needs distinct shares.');
    }
    // The share itself is never logged: only how far the rekey has come.
    await recordOrRefuse(audit, event(null, { phase: 'share', nonce: current.nonce, keyId: keyring.keyId, progress: current.received.size + 1, required: keyring.threshold }));
    current.received.set(index, share);
    if (current.received.size < keyring.threshold) return { status: statusOf(keyring), result: null };
    try {
      return { status: NOT_STARTED, result: await complete(keyring, current) };
    } finally {
      drop();
    }
  }

  /** Combines the current shares, checks they rebuild the stored key, then splits it anew. */
  async function complete(keyring: KeyringRecord, current: Pending): Promise<InitResult> {
    const key = await combineShares([...current.received.values()]);
    try {
      if (!verifierMatches(key, keyring.verifier)) {
        await recordOrRefuse(audit, event(null, { phase: 'failed', nonce: current.nonce, keyId: keyring.keyId }));
        throw new BulwarkError('VAULT_UNSEAL_FAILED', 'The shares do not reconstruct the master key; the rekey was cancelled.');
      }
      const shares = await splitMasterKey(key, current.shares, current.threshold);
      await recordOrRefuse(audit, event(null, { phase: 'complete', nonce: current.nonce, keyId: keyring.keyId, shares: current.shares, threshold: current.threshold }));
      await updateKeyringShares(db, current.shares, current.threshold, clock.now());
      return { keyId: keyring.keyId, shares, threshold: current.threshold };
    } finally {
      key.fill(0);
    }
  }

  return Object.freeze({
    status: async () => statusOf(await readKeyring(db)),
    start: (input: { shares: number; threshold: number; actor: string | null }) => serialized(() => start(input)),
    submitShare: (input: { nonce: string; share: string }) => serialized(() => submitShare(input)),
    cancel: (actor: string | null) =>
      serialized(async () => {
        const keyring = await requireKeyring();
        if (pending === null) throw notStarted();
        await recordOrRefuse(audit, event(actor, { phase: 'cancel', nonce: pending.nonce, keyId: keyring.keyId }));
        drop();
        return statusOf(keyring);
      }),
  });
}
