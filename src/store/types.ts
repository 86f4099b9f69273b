import type { ColumnType, Kysely } from 'kysely';

export type StorageConfig =
  | { driver: 'sqlite'; sqlite: { path: string } }
  | { driver: 'postgres'; postgres: { url: string; schema?: string; poolSize?: number } };

export type StoreDialect = 'sqlite' | 'postgres';

/**
 * Epoch milliseconds. PostgreSQL `bigint` comes back from `pg` as a string (it may exceed 2^53);
 * repositories convert it back to a number with `toEpochMs`.
 */
type EpochMsColumn = ColumnType<number | string, number, number>;
type NullableEpochMsColumn = ColumnType<number | string | null, number | null, number | null>;
/** Written as JSON text; read back as text (SQLite) or an already-parsed value (PostgreSQL jsonb). */
type JsonColumn = ColumnType<unknown, string, string>;
/** `integer` 0/1 in SQLite, `boolean` in PostgreSQL; see DialectTraits.encodeBoolean. */
type BooleanColumn = ColumnType<boolean | number, boolean | number, boolean | number>;

export interface ApiKeysTable {
  id: string;
  tenant: string;
  name: string | null;
  /** sha256 hex of the full key; the plaintext is never stored. */
  key_hash: string;
  /** The first few characters of the key, for display only (not enough to authenticate). */
  prefix: string;
  created_at: EpochMsColumn;
  revoked_at: NullableEpochMsColumn;
}

export interface DecisionsTable {
  id: string;
  created_at: EpochMsColumn;
  tenant: string | null;
  source: string;
  input_hash: string;
  input: string | null;
  decision: string;
  flagged: BooleanColumn;
  categories: JsonColumn;
  scores: JsonColumn;
  matched_rules: JsonColumn;
  model_version: string;
  policy_version: string;
  mode: string;
  latency_ms: number;
}

/** Every table the store owns. Later modules add theirs here together with a migration. */
export interface Database {
  api_keys: ApiKeysTable;
  decisions: DecisionsTable;
}

export type Decision = 'allow' | 'flag' | 'block';
export type DecisionMode = 'enforce' | 'shadow';

export interface DecisionRecord {
  id: string;
  /** Epoch milliseconds. */
  createdAt: number;
  tenant: string | null;
  /** Where the decision was made: 'classify' | 'moderations' | 'gateway.input' | ... */
  source: string;
  inputHash: string;
  /** Null when the deployment does not retain inputs. U+0000 is stored as U+FFFD (PostgreSQL text cannot hold it). */
  input: string | null;
  decision: Decision;
  flagged: boolean;
  categories: string[];
  scores: Record<string, number>;
  matchedRules: string[];
  modelVersion: string;
  policyVersion: string;
  mode: DecisionMode;
  latencyMs: number;
}

export interface DecisionListQuery {
  /** Default DEFAULT_DECISION_LIST_LIMIT, clamped to [1, MAX_DECISION_LIST_LIMIT]. */
  limit?: number;
  /** Id of the last record of the previous page; only older records are returned. */
  before?: string;
  tenant?: string;
  decision?: Decision;
}

export interface DecisionRepository {
  insert(record: DecisionRecord): Promise<void>;
  /** Newest first (createdAt, then id, descending). An unknown `before` cursor yields []. */
  list(query?: DecisionListQuery): Promise<DecisionRecord[]>;
  get(id: string): Promise<DecisionRecord | null>;
  count(): Promise<number>;
}

export interface CreatedApiKey {
  id: string;
  tenant: string;
  name: string | null;
  /** The plaintext key. Returned once, at creation; only its hash is stored. */
  key: string;
  createdAt: number;
}

export interface ApiKeySummary {
  id: string;
  tenant: string;
  name: string | null;
  prefix: string;
  createdAt: number;
  revokedAt: number | null;
}

export interface ApiKeyRepository {
  create(input: { tenant: string; name?: string | null }): Promise<CreatedApiKey>;
  /** The key's owner, or null for an unknown, malformed or revoked key. */
  authenticate(key: string): Promise<{ id: string; tenant: string } | null>;
  /** Oldest first. */
  list(): Promise<ApiKeySummary[]>;
  /** True when the key existed and was active; revoking twice returns false the second time. */
  revoke(id: string): Promise<boolean>;
}

export interface Store {
  readonly dialect: StoreDialect;
  readonly db: Kysely<Database>;
  readonly apiKeys: ApiKeyRepository;
  readonly decisions: DecisionRepository;
  /** Throws BulwarkError STORE_UNAVAILABLE when the database does not answer. */
  ping(): Promise<void>;
  /** Idempotent. */
  close(): Promise<void>;
}
