import type { Kysely, Selectable } from 'kysely';
import type { Clock } from '../core/clock.js';
import { newId } from '../core/ids.js';
import { toEpochMs, toNullableEpochMs, toStringArray } from './row-decoding.js';
import { guardStoreCall } from './store-errors.js';
import type { Database, Exemption, ExemptionRepository, GatewayExemptionsTable } from './types.js';

function toExemption(row: Selectable<GatewayExemptionsTable>): Exemption {
  return {
    id: row.id,
    tenant: row.tenant,
    account: row.account,
    categories: toStringArray(row.categories, 'gateway_exemptions.categories'),
    reason: row.reason,
    grantedBy: row.granted_by,
    createdAt: toEpochMs(row.created_at, 'gateway_exemptions.created_at'),
    expiresAt: toEpochMs(row.expires_at, 'gateway_exemptions.expires_at'),
    revokedAt: toNullableEpochMs(row.revoked_at, 'gateway_exemptions.revoked_at'),
    revokedBy: row.revoked_by,
  };
}

/** Trusted-access exemptions: granted with a reason and a grantor, always expiring, revocable. */
export function createExemptionRepository(db: Kysely<Database>, clock: Clock): ExemptionRepository {
  return {
    grant: (input) =>
      guardStoreCall(async () => {
        const createdAt = clock.now();
        const row = {
          id: newId('exm', createdAt),
          tenant: input.tenant,
          account: input.account,
          categories: JSON.stringify([...new Set(input.categories)].sort()),
          reason: input.reason,
          granted_by: input.grantedBy,
          created_at: createdAt,
          expires_at: input.expiresAt,
          revoked_at: null,
          revoked_by: null,
        };
        await db.insertInto('gateway_exemptions').values(row).execute();
        return toExemption(row);
      }),

    active: (tenant, now) =>
      guardStoreCall(async () => {
        const rows = await db
          .selectFrom('gateway_exemptions')
          .selectAll()
          .where('tenant', '=', tenant)
          .where('expires_at', '>', now)
          .where('revoked_at', 'is', null)
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .execute();
        return rows.map(toExemption);
      }),

    list: (query = {}) =>
      guardStoreCall(async () => {
        let q = db.selectFrom('gateway_exemptions').selectAll();
        if (query.tenant !== undefined) q = q.where('tenant', '=', query.tenant);
        if (query.includeInactive !== true) q = q.where('expires_at', '>', query.now ?? clock.now()).where('revoked_at', 'is', null);
        const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
        return rows.map(toExemption);
      }),

    revoke: (id, revokedBy) =>
      guardStoreCall(async () => {
        const result = await db
          .updateTable('gateway_exemptions')
          .set({ revoked_at: clock.now(), revoked_by: revokedBy })
          .where('id', '=', id)
          .where('revoked_at', 'is', null)
          .executeTakeFirst();
        return Number(result.numUpdatedRows) > 0;
      }),
  };
}
