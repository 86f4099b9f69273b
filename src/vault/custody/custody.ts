import type { Kysely } from 'kysely';
import type { AuditEvent } from '../../audit/index.js';
import { systemClock, type Clock } from '../../core/clock.js';
import { BulwarkError } from '../../core/errors.js';
import type { Database } from '../../store/types.js';
import type { KeyEncryptionKey } from '../format/index.js';
import { insertKeyring, readKeyring, type KeyringRecord } from './keyring-repository.js';
import { deriveArtifactKek, generateMasterKey, masterKeyVerifier, MASTER_KEY_BYTES, newMasterKeyId, verifierMatches } from './master-key.js';
import { recordOrRefuse, type VaultAuditSink } from '../record-or-refuse.js';
import { createRekeying, type Rekeying } from './rekey.js';
import { combineShares, parseShare, shareIndexOf, splitMasterKey } from './shares.js';

export type { VaultAuditSink };

/** `shamir` is the real thing; the others keep the key where anyone with the machine can read it. */
export type KeyProviderName = 'shamir' | 'insecure-local-file' | 'insecure-env-key';

export interface CustodyStatus {
  readonly initialized: boolean;
  readonly sealed: boolean;
  readonly keyId: string | null;
  readonly shares: number | null;
  readonly threshold: number | null;
  /** Distinct shares received towards the next unseal. */
  readonly progress: number;
  readonly provider: KeyProviderName | null;
}

export interface InitResult {
  readonly keyId: string;
  /** Shown once, never stored. */
  readonly shares: readonly string[];
  readonly threshold: number;
}

export interface KeyCustody {
  status(): Promise<CustodyStatus>;
  /** Generates (or, for insecure-env-key, adopts) the master key and splits it; the vault stays sealed. */
  init(input: { shares: number; threshold: number; actor: string | null; masterKey?: Uint8Array }): Promise<InitResult>;
  submitShare(share: string): Promise<CustodyStatus>;
  /** For the insecure providers: unseal with the whole key at start-up (still checked and audited). */
  unsealWithKey(masterKey: Uint8Array, provider: KeyProviderName): Promise<CustodyStatus>;
  seal(actor: string | null): Promise<CustodyStatus>;
  /** New shares (N, M) for the same master key, authorized by M current shares (src/vault/custody/rekey.ts). */
  readonly rekey: Rekeying;
  /** The KEK of one artifact; VAULT_SEALED unless unsealed. The caller zeroes `key` after use. */
  kekFor(artifactId: string): KeyEncryptionKey;
  /** The key id artifacts are written under now. */
  currentKeyId(): string;
}

export interface KeyCustodyOptions {
  readonly db: Kysely<Database>;
  readonly audit: VaultAuditSink;
  readonly provider?: KeyProviderName;
  readonly clock?: Clock;
}

interface Unsealed {
  readonly keyId: string;
  readonly key: Buffer;
}

async function requireKeyring(db: Kysely<Database>): Promise<KeyringRecord> {
  const keyring = await readKeyring(db);
  if (keyring === null) throw new BulwarkError('VAULT_NOT_INITIALIZED', 'The vault is not initialized; run bulwark vault init.');
  return keyring;
}

function sealedError(): BulwarkError {
  return new BulwarkError('VAULT_SEALED', 'The vault is sealed; submit unseal shares first.');
}

/**
 * The master key lives only here, in this process's memory, between unseal and seal (issue 4 §2).
 * Every step is audited before it takes effect; if the audit append fails the step is refused.
 */
export function createKeyCustody(options: KeyCustodyOptions): KeyCustody {
  const { db, audit } = options;
  const clock = options.clock ?? systemClock;
  const provider: KeyProviderName = options.provider ?? 'shamir';
  const pending = new Map<number, Buffer>();
  let unsealed: Unsealed | null = null;
  // Share submissions await the audit log; serialize them so progress counts stay exact.
  let queue: Promise<unknown> = Promise.resolve();
  const serialized = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  };

  const clearPending = (): void => {
    for (const share of pending.values()) share.fill(0);
    pending.clear();
  };

  const statusOf = (keyring: KeyringRecord | null): CustodyStatus => ({
    initialized: keyring !== null,
    sealed: unsealed === null,
    keyId: keyring?.keyId ?? null,
    shares: keyring?.shares ?? null,
    threshold: keyring?.threshold ?? null,
    progress: pending.size,
    provider: keyring === null ? null : (keyring.provider as KeyProviderName),
  });

  const event = (type: AuditEvent['type'], actor: string | null, details: AuditEvent['details']): AuditEvent => ({
    type,
    actor,
    subject: 'vault',
    time: clock.now(),
    details,
  });

  async function finishUnseal(keyring: KeyringRecord, key: Buffer, via: KeyProviderName): Promise<void> {
    if (!verifierMatches(key, keyring.verifier)) {
      key.fill(0);
      await recordOrRefuse(audit, event('vault.unseal', null, { ok: false, keyId: keyring.keyId, provider: via }));
      throw new BulwarkError('VAULT_UNSEAL_FAILED', 'The shares do not reconstruct the master key.');
    }
    try {
      await recordOrRefuse(audit, event('vault.unseal', null, { ok: true, keyId: keyring.keyId, provider: via }));
    } catch (error) {
      key.fill(0);
      throw error;
    }
    unsealed = { keyId: keyring.keyId, key };
  }

  async function acceptShare(text: string): Promise<CustodyStatus> {
    const keyring = await requireKeyring(db);
    if (unsealed !== null) throw new BulwarkError('VAULT_ALREADY_UNSEALED', 'The vault is already unsealed.');
    const share = parseShare(text);
    const index = shareIndexOf(share);
    if (pending.has(index)) {
      share.fill(0);
      throw new BulwarkError('VAULT_DUPLICATE_SHARE', 'This share was already submitted; the threshold needs distinct shares.');
    }
    // The share itself is never logged: only how far the unseal has come.
    await recordOrRefuse(audit, event('vault.unseal.share', null, { keyId: keyring.keyId, progress: pending.size + 1, threshold: keyring.threshold }));
    pending.set(index, share);
    if (pending.size < keyring.threshold) return statusOf(keyring);
    const shares = [...pending.values()];
    try {
      const key = await combineShares(shares);
      await finishUnseal(keyring, key, 'shamir');
    } finally {
      clearPending();
    }
    return statusOf(keyring);
  }

  async function initialize(input: { shares: number; threshold: number; actor: string | null; masterKey?: Uint8Array }): Promise<InitResult> {
    if ((await readKeyring(db)) !== null) throw new BulwarkError('VAULT_ALREADY_INITIALIZED', 'The vault is already initialized.');
    const key = input.masterKey === undefined ? generateMasterKey() : Buffer.from(input.masterKey);
    try {
      if (key.length !== MASTER_KEY_BYTES) throw new BulwarkError('VAULT_INVALID_ARGUMENT', `The master key must be ${MASTER_KEY_BYTES} bytes.`);
      const shares = await splitMasterKey(key, input.shares, input.threshold);
      const record: KeyringRecord = {
        keyId: newMasterKeyId(),
        verifier: masterKeyVerifier(key),
        shares: input.shares,
        threshold: input.threshold,
        provider,
        createdAt: clock.now(),
        rekeyedAt: null,
      };
      await recordOrRefuse(audit, event('vault.init', input.actor, { keyId: record.keyId, shares: input.shares, threshold: input.threshold, provider }));
      await insertKeyring(db, record);
      return { keyId: record.keyId, shares, threshold: input.threshold };
    } finally {
      key.fill(0);
    }
  }

  return Object.freeze({
    status: async () => statusOf(await readKeyring(db)),
    init: (input: { shares: number; threshold: number; actor: string | null; masterKey?: Uint8Array }) => serialized(() => initialize(input)),
    submitShare: (share: string) => serialized(() => acceptShare(share)),
    unsealWithKey: (masterKey: Uint8Array, via: KeyProviderName) =>
      serialized(async () => {
        const keyring = await requireKeyring(db);
        if (unsealed === null) await finishUnseal(keyring, Buffer.from(masterKey), via);
        return statusOf(keyring);
      }),
    seal: (actor: string | null) =>
      serialized(async () => {
        const keyring = await requireKeyring(db);
        await recordOrRefuse(audit, event('vault.seal', actor, { keyId: keyring.keyId, wasSealed: unsealed === null }));
        clearPending();
        unsealed?.key.fill(0);
        unsealed = null;
        return statusOf(keyring);
      }),
    rekey: createRekeying({ db, audit, clock, serialized }),
    kekFor: (artifactId: string) => {
      if (unsealed === null) throw sealedError();
      return deriveArtifactKek(unsealed.key, unsealed.keyId, artifactId);
    },
    currentKeyId: () => {
      if (unsealed === null) throw sealedError();
      return unsealed.keyId;
    },
  });
}
