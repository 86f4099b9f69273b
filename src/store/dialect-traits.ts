import type { StoreDialect } from './types.js';

/**
 * What differs between the dialects, supplied by each adapter so that migrations and repositories
 * never branch on the dialect's name.
 */
export interface DialectTraits {
  readonly dialect: StoreDialect;
  /** Column type for JSON documents. */
  readonly jsonType: 'text' | 'jsonb';
  /** Column type for booleans; SQLite has none and better-sqlite3 cannot bind `true`. */
  readonly booleanType: 'integer' | 'boolean';
  encodeBoolean(value: boolean): boolean | number;
}

export const SQLITE_TRAITS: DialectTraits = Object.freeze({
  dialect: 'sqlite',
  jsonType: 'text',
  booleanType: 'integer',
  encodeBoolean: (value: boolean) => (value ? 1 : 0),
});

export const POSTGRES_TRAITS: DialectTraits = Object.freeze({
  dialect: 'postgres',
  jsonType: 'jsonb',
  booleanType: 'boolean',
  encodeBoolean: (value: boolean) => value,
});
