import { migration0001Guard } from './0001-guard.js';
import { migration0002Audit } from './0002-audit.js';
import { migration0003Access } from './0003-access.js';
import { migration0004Vault } from './0004-vault.js';
import { migration0005Egress } from './0005-egress.js';
import { migration0006Gateway } from './0006-gateway.js';
import { migration0007Allowlist } from './0007-allowlist.js';
import { migration0008AllowlistPending } from './0008-allowlist-pending.js';
import { migration0009PolicyReleases } from './0009-policy-releases.js';
import { migration0010PolicyReleaseSignatures } from './0010-policy-release-signatures.js';
import type { StoreMigration } from './store-migration.js';

export type { StoreMigration } from './store-migration.js';

/**
 * Every migration, oldest first. A module that needs tables (audit, vault, egress) appends its own
 * file here (`0002-audit.ts` → name `0002_audit`); released migrations are never edited.
 */
export const STORE_MIGRATIONS: readonly StoreMigration[] = Object.freeze([
  migration0001Guard,
  migration0002Audit,
  migration0003Access,
  migration0004Vault,
  migration0005Egress,
  migration0006Gateway,
  migration0007Allowlist,
  migration0008AllowlistPending,
  migration0009PolicyReleases,
  migration0010PolicyReleaseSignatures,
]);
