import type { Kysely, Selectable } from 'kysely';
import type { Clock } from '../core/clock.js';
import { toEpochMs } from './row-decoding.js';
import { guardStoreCall } from './store-errors.js';
import type { Database, PolicyRelease, PolicyReleaseRepository, PolicyReleasesTable, PolicyReleaseSummary } from './types.js';

export const DEFAULT_POLICY_RELEASE_LIST_LIMIT = 20;

const SUMMARY_COLUMNS = ['seq', 'name', 'version', 'sha256', 'published_by', 'published_at', 'signer_key_id'] as const;

function toSummary(row: Omit<Selectable<PolicyReleasesTable>, 'body' | 'signature'>): PolicyReleaseSummary {
  return {
    seq: toEpochMs(row.seq, 'policy_releases.seq'),
    name: row.name,
    version: row.version,
    sha256: row.sha256,
    publishedBy: row.published_by,
    publishedAt: toEpochMs(row.published_at, 'policy_releases.published_at'),
    signerKeyId: row.signer_key_id,
  };
}

function toRelease(row: Selectable<PolicyReleasesTable>): PolicyRelease {
  return { ...toSummary(row), body: row.body, signature: row.signature };
}

/**
 * Releases are only ever added: a rollback is a new release of the older policy. `notify` (PostgreSQL)
 * announces each new release to listening replicas; if it fails, the release stands and replicas find
 * it at their next poll.
 */
export function createPolicyReleaseRepository(db: Kysely<Database>, clock: Clock, notify?: (seq: number) => Promise<void>): PolicyReleaseRepository {
  return {
    publish: (input) =>
      guardStoreCall(async () => {
        const release: PolicyRelease = {
          seq: (input.previousSeq ?? 0) + 1,
          name: input.name,
          version: input.version,
          sha256: input.sha256,
          body: input.body,
          publishedBy: input.publishedBy,
          publishedAt: clock.now(),
          signerKeyId: input.signerKeyId,
          signature: input.signature,
        };
        const result = await db
          .insertInto('policy_releases')
          .values({
            seq: release.seq,
            name: release.name,
            version: release.version,
            sha256: release.sha256,
            body: release.body,
            published_by: release.publishedBy,
            published_at: release.publishedAt,
            signer_key_id: release.signerKeyId,
            signature: release.signature,
          })
          .onConflict((oc) => oc.column('seq').doNothing())
          .executeTakeFirst();
        if (Number(result.numInsertedOrUpdatedRows ?? 0n) !== 1) return null;
        await notify?.(release.seq).catch(() => undefined);
        return release;
      }),

    head: () =>
      guardStoreCall(async () => {
        const row = await db.selectFrom('policy_releases').select(SUMMARY_COLUMNS).orderBy('seq', 'desc').limit(1).executeTakeFirst();
        return row === undefined ? null : toSummary(row);
      }),

    latest: () =>
      guardStoreCall(async () => {
        const row = await db.selectFrom('policy_releases').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirst();
        return row === undefined ? null : toRelease(row);
      }),

    get: (seq) =>
      guardStoreCall(async () => {
        const row = await db.selectFrom('policy_releases').selectAll().where('seq', '=', seq).executeTakeFirst();
        return row === undefined ? null : toRelease(row);
      }),

    list: (limit = DEFAULT_POLICY_RELEASE_LIST_LIMIT) =>
      guardStoreCall(async () => {
        const rows = await db.selectFrom('policy_releases').selectAll().orderBy('seq', 'desc').limit(Math.max(1, Math.min(limit, 1_000))).execute();
        return rows.map(toRelease);
      }),
  };
}
