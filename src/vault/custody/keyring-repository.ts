import type { Kysely } from 'kysely';
import { BulwarkError } from '../../core/errors.js';
import { toEpochMs } from '../../store/row-decoding.js';
import type { Database } from '../../store/types.js';

export interface KeyringRecord {
  readonly keyId: string;
  readonly verifier: string;
  readonly shares: number;
  readonly threshold: number;
  readonly provider: string;
  readonly createdAt: number;
  readonly rekeyedAt: number | null;
}

export async function readKeyring(db: Kysely<Database>): Promise<KeyringRecord | null> {
  const row = await db.selectFrom('vault_keyring').selectAll().where('id', '=', 1).executeTakeFirst();
  if (row === undefined) return null;
  return {
    keyId: row.key_id,
    verifier: row.verifier,
    shares: Number(row.shares),
    threshold: Number(row.threshold),
    provider: row.provider,
    createdAt: toEpochMs(row.created_at, 'vault_keyring.created_at'),
    rekeyedAt: row.rekeyed_at === null ? null : toEpochMs(row.rekeyed_at, 'vault_keyring.rekeyed_at'),
  };
}

/** The single-row check constraint makes a second init (even a racing one) fail here. */
export async function insertKeyring(db: Kysely<Database>, record: KeyringRecord): Promise<void> {
  try {
    await db
      .insertInto('vault_keyring')
      .values({
        id: 1,
        key_id: record.keyId,
        verifier: record.verifier,
        shares: record.shares,
        threshold: record.threshold,
        provider: record.provider,
        created_at: record.createdAt,
        rekeyed_at: null,
      })
      .execute();
  } catch (cause) {
    throw new BulwarkError('VAULT_ALREADY_INITIALIZED', 'The vault is already initialized.', { cause });
  }
}

export async function updateKeyringShares(db: Kysely<Database>, shares: number, threshold: number, at: number): Promise<void> {
  await db.updateTable('vault_keyring').set({ shares, threshold, rekeyed_at: at }).where('id', '=', 1).execute();
}
