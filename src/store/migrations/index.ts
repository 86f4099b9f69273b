import { migration0001Guard } from './0001-guard.js';
import { migration0002Audit } from './0002-audit.js';
import { migration0003Access } from './0003-access.js';
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
]);
