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
  /** JSON DecisionDetails (conversation risk, exemption); null on rows without any. */
  details: ColumnType<unknown, string | null, string | null> | null;
}

/** A trusted-access exemption (src/gateway/exemptions.ts): categories a tenant or account may be answered on. */
export interface GatewayExemptionsTable {
  id: string;
  tenant: string;
  /** Null: every account of the tenant. */
  account: string | null;
  categories: JsonColumn;
  reason: string;
  granted_by: string;
  created_at: EpochMsColumn;
  expires_at: EpochMsColumn;
  revoked_at: NullableEpochMsColumn;
  revoked_by: string | null;
}

/** A bigint count or index; like EpochMsColumn it comes back from `pg` as a string. */
type BigintColumn = ColumnType<number | string, number, number>;

/** One leaf of the audit log (src/audit). `idx` is dense from 0. */
export interface AuditEntriesTable {
  idx: BigintColumn;
  /** Hex SHA-256(0x00 ‖ data), RFC 6962 §2.1. */
  leaf_hash: string;
  /** Canonical JSON leaf data, byte-exact (text, not jsonb). */
  data: string;
}

export interface AuditCheckpointsTable {
  size: BigintColumn;
  origin: string;
  /** Hex Merkle Tree Hash of the first `size` entries. */
  root: string;
  time: EpochMsColumn;
  key_id: string;
  /** Base64 Ed25519 signature. */
  signature: string;
}

/** The single row (id = 1) every append locks. */
export interface AuditHeadTable {
  id: number;
  size: BigintColumn;
  /** JSON array of hex subtree roots, the right edge of the tree. */
  compact_range: string;
  checkpoint_size: ColumnType<number | string | null, number | null, number | null>;
  checkpoint_time: NullableEpochMsColumn;
  /** Base64 raw Ed25519 key that signed the checkpoints; pinned by the first one. */
  public_key: string | null;
}

/** A registered person (src/access): their Ed25519 key, roles and approval pools. */
export interface AccessUsersTable {
  /** Hex SHA-256 of the raw public key. */
  key_id: string;
  name: string;
  /** Raw 32-byte Ed25519 public key, base64. */
  public_key: string;
  roles: JsonColumn;
  pools: JsonColumn;
  created_at: EpochMsColumn;
  updated_at: EpochMsColumn;
}

/** A signed access request, break-glass grant or users change; an approved access request is its grant. */
export interface AccessRequestsTable {
  id: string;
  kind: string;
  /** Hex SHA-256 of the domain-separated signed bytes; what decisions sign. */
  digest: string;
  /** Canonical JSON exactly as signed (text, not jsonb). */
  payload: string;
  signature: string;
  requester_key_id: string;
  artifact_id: string | null;
  status: string;
  created_at: EpochMsColumn;
  /** Until when a pending request may be decided. */
  expires_at: EpochMsColumn;
  decided_at: NullableEpochMsColumn;
  /** For display; release recomputes expiry from the signed payloads. */
  grant_expires_at: NullableEpochMsColumn;
  uses: number;
  /** Bumped by every decision, so concurrent deciders serialize on the row. */
  version: number;
  revoked_at: NullableEpochMsColumn;
  revoked_by: string | null;
  revoke_payload: string | null;
  revoke_signature: string | null;
}

export interface AccessDecisionsTable {
  request_id: string;
  approver_key_id: string;
  decision: string;
  payload: string;
  signature: string;
  time: EpochMsColumn;
  created_at: EpochMsColumn;
}

/** Every nonce ever accepted; a second use is a replay. */
export interface AccessNoncesTable {
  nonce: string;
  key_id: string;
  used_at: EpochMsColumn;
}

/** The after-the-fact review a break-glass grant opens. */
export interface AccessReviewsTable {
  request_id: string;
  opened_at: EpochMsColumn;
  due_at: EpochMsColumn;
  closed_at: NullableEpochMsColumn;
  closed_by: string | null;
  payload: string | null;
  signature: string | null;
}

/** The single vault keyring row (id = 1): a verifier of the master key, never the key itself. */
export interface VaultKeyringTable {
  id: number;
  /** Public name of the master key; artifact headers carry it as their KEK id. */
  key_id: string;
  /** Hex HMAC-SHA256 of a fixed label under the master key: proves a reconstruction, reveals nothing. */
  verifier: string;
  shares: number;
  threshold: number;
  /** `shamir`, or one of the insecure development providers. */
  provider: string;
  created_at: EpochMsColumn;
  rekeyed_at: NullableEpochMsColumn;
}

/** A registered artifact; written only after its encrypted file was renamed into place. */
export interface VaultArtifactsTable {
  id: string;
  name: string;
  label: string | null;
  /** Hex SHA-256 of the plaintext, as authenticated in the artifact header. */
  sha256: string;
  /** Plaintext bytes. */
  size: BigintColumn;
  /** Relative to the data folder: `vault/objects/<id>.bwv`. */
  path: string;
  key_id: string;
  /** Key id of the admin who stored it. */
  created_by: string | null;
  created_at: EpochMsColumn;
}

/** A proxy credential of one egress identity; only the SHA-256 of the token is stored. */
export interface EgressTokensTable {
  id: string;
  identity: string;
  token_hash: string;
  created_at: EpochMsColumn;
  revoked_at: NullableEpochMsColumn;
}

/** Upload bytes of one budget scope (`identity:NAME`, `enclave`) in one slot of one rolling window. */
export interface EgressUsageTable {
  scope: string;
  /** The window as configured ("24h"). */
  window: string;
  /** Slot start, epoch milliseconds. */
  slot: BigintColumn;
  bytes: BigintColumn;
}

/** An allowlisted program identity (src/allowlist): an executable or script file, or an OCI image. */
export interface AllowlistEntriesTable {
  id: string;
  /** `file` (an executable or script) or `oci-image` (a container image manifest digest). */
  kind: string;
  /** Lowercase hex SHA-256 of the file contents, or of the image manifest. */
  sha256: string;
  name: string;
  owner: string;
  /** Optional glob the real path must also match (for images, the repository). */
  path_pattern: string | null;
  /** Who signed or built it; recorded and exported, not verified on Linux. */
  signer: string | null;
  /** Path and size seen when the entry was requested (fapolicyd's trust file needs both). */
  path: string | null;
  size: ColumnType<number | string | null, number | null, number | null>;
  added_by: string;
  approved_by: string;
  change_id: string;
  created_at: EpochMsColumn;
}

/** An applied allowlist change: the signed request and the signed approvals, exactly as verified. */
export interface AllowlistChangesTable {
  id: string;
  digest: string;
  op: string;
  payload: string;
  signature: string;
  requester_key_id: string;
  /** JSON array of the approval envelopes (text, byte-exact). */
  approvals: string;
  applied_at: EpochMsColumn;
}

/** An allowlist change waiting for approval; removed when it is applied. */
export interface AllowlistPendingChangesTable {
  id: string;
  /** Unique: the same signed change is queued once. */
  digest: string;
  /** Canonical JSON of the signed change payload (byte-exact). */
  payload: string;
  signature: string;
  requester_key_id: string;
  created_at: EpochMsColumn;
}

/** One signed approval of a pending change; one row per approver. */
export interface AllowlistPendingApprovalsTable {
  change_id: string;
  approver_key_id: string;
  payload: string;
  signature: string;
  created_at: EpochMsColumn;
}

/** A guard policy released to the fleet (src/store/policy-release-repository.ts). */
export interface PolicyReleasesTable {
  seq: BigintColumn;
  name: string;
  version: string;
  /** policyFingerprint's SHA-256: of the policy's canonical JSON, not of `body`'s bytes. */
  sha256: string;
  /** The policy file as promoted (YAML or JSON text), validated again by every replica that loads it. */
  body: string;
  published_by: string;
  published_at: EpochMsColumn;
  /** Hex SHA-256 of the signer's raw Ed25519 key; null only for releases made before signing existed. */
  signer_key_id: string | null;
  /** Base64 Ed25519 signature over the release's claim (server/policy-release-signature.ts). */
  signature: string | null;
}

/** Every table the store owns. Later modules add theirs here together with a migration. */
export interface Database {
  api_keys: ApiKeysTable;
  decisions: DecisionsTable;
  audit_entries: AuditEntriesTable;
  audit_checkpoints: AuditCheckpointsTable;
  audit_head: AuditHeadTable;
  access_users: AccessUsersTable;
  access_requests: AccessRequestsTable;
  access_decisions: AccessDecisionsTable;
  access_nonces: AccessNoncesTable;
  access_reviews: AccessReviewsTable;
  vault_keyring: VaultKeyringTable;
  vault_artifacts: VaultArtifactsTable;
  egress_tokens: EgressTokensTable;
  egress_usage: EgressUsageTable;
  allowlist_entries: AllowlistEntriesTable;
  allowlist_changes: AllowlistChangesTable;
  allowlist_pending_changes: AllowlistPendingChangesTable;
  allowlist_pending_approvals: AllowlistPendingApprovalsTable;
  gateway_exemptions: GatewayExemptionsTable;
  policy_releases: PolicyReleasesTable;
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
  /** Absent on records without any (and on rows written before migration 0006). */
  details?: DecisionDetails;
}

/** Why a gateway decision came out as it did, beyond the guard's own verdict. */
export interface DecisionDetails {
  /** Conversation- and account-level risk after this turn (gateway input decisions). */
  risk?: {
    conversation: string;
    account: string;
    added: number;
    conversationScore: number;
    accountScore: number;
    decision: Decision;
  };
  /** Kinds of content the guard could not read and the gateway forwarded (`gateway.unreadContent: pass`). */
  unread?: string[];
  /** Id of the exemption in force for this exchange, if any. */
  exemptionId?: string;
  /** True when the exemption changed the outcome: the guard would have blocked; it lands in review. */
  exempted?: boolean;
  /** The last cascade stage that ran: the built-in classifier, or the LLM judge (gateway decisions). */
  stage?: 'classifier' | 'judge';
  /**
   * The LLM judge, when it was called for this decision: the last call's outcome and labels, and the
   * sums over all calls (a streamed output may call it at several checks); tokens null when unreported.
   */
  judge?: {
    outcome: 'safe' | 'unsafe' | 'timeout' | 'error' | 'invalid';
    judge: string;
    categories: string[];
    reviewed: string[];
    calls: number;
    latencyMs: number;
    promptTokens: number | null;
    completionTokens: number | null;
    totalTokens: number | null;
  };
}

export interface Exemption {
  id: string;
  tenant: string;
  account: string | null;
  categories: string[];
  reason: string;
  grantedBy: string;
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
  revokedBy: string | null;
}

export interface ExemptionRepository {
  grant(input: { tenant: string; account: string | null; categories: string[]; reason: string; grantedBy: string; expiresAt: number }): Promise<Exemption>;
  /** Unrevoked and unexpired at `now`, for the tenant (every account, and account-scoped ones). */
  active(tenant: string, now: number): Promise<Exemption[]>;
  /** Newest first; `includeInactive` adds revoked and expired ones. */
  list(query?: { tenant?: string; includeInactive?: boolean; now?: number }): Promise<Exemption[]>;
  /** True when it existed and was not yet revoked. */
  revoke(id: string, revokedBy: string): Promise<boolean>;
}

export interface PolicyRelease {
  /** 1 for the first release, then one more per release. */
  seq: number;
  name: string;
  version: string;
  sha256: string;
  body: string;
  publishedBy: string;
  publishedAt: number;
  /** Null only for releases made before signing existed; servers refuse those. */
  signerKeyId: string | null;
  signature: string | null;
}

export type PolicyReleaseSummary = Omit<PolicyRelease, 'body' | 'signature'>;

export interface PolicyReleaseRepository {
  /**
   * Adds release `previousSeq + 1` (1 when `previousSeq` is null). Returns null, adding nothing, when
   * that number is taken: another release was published since the caller read `previousSeq`.
   */
  publish(input: {
    previousSeq: number | null;
    name: string;
    version: string;
    sha256: string;
    body: string;
    publishedBy: string;
    signerKeyId: string;
    signature: string;
  }): Promise<PolicyRelease | null>;
  /** The newest release's number and fingerprint, without the body (what replicas poll); null before the first. */
  head(): Promise<PolicyReleaseSummary | null>;
  /** The newest release with its text, in one read; null before the first. */
  latest(): Promise<PolicyRelease | null>;
  get(seq: number): Promise<PolicyRelease | null>;
  /** Newest first, at most `limit` (default 20), with their texts and signatures, in one read. */
  list(limit?: number): Promise<PolicyRelease[]>;
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
  readonly exemptions: ExemptionRepository;
  readonly policyReleases: PolicyReleaseRepository;
  /** Throws BulwarkError STORE_UNAVAILABLE when the database does not answer. */
  ping(): Promise<void>;
  /** Idempotent. */
  close(): Promise<void>;
}
