/**
 * The one catalogue of Bulwark error codes. docs/errors.md must list exactly these codes
 * (src/core/error-codes.test.ts enforces it). Codes are never reused once retired: move a retired
 * code to RETIRED_ERROR_CODES instead of deleting it.
 */
export const ERROR_CATALOG = {
  // Requests arriving over HTTP or the CLI (attacker-controlled input).
  REQUEST_INVALID_JSON: { status: 400, summary: 'The body is not valid JSON or not valid UTF-8.' },
  REQUEST_INVALID_BODY: { status: 400, summary: 'The body parsed but does not match the endpoint schema.' },
  REQUEST_EMPTY_INPUT: { status: 400, summary: 'The request contained no text to classify.' },
  REQUEST_TOO_LARGE: { status: 413, summary: 'The body exceeds the configured size limit.' },
  REQUEST_TOO_DEEP: { status: 400, summary: 'The JSON body nests deeper than the configured limit.' },
  REQUEST_UNSUPPORTED_MEDIA_TYPE: { status: 415, summary: 'The Content-Type is not application/json.' },
  REQUEST_NOT_FOUND: { status: 404, summary: 'No such route.' },
  REQUEST_METHOD_NOT_ALLOWED: { status: 405, summary: 'The route exists but not for this method.' },
  REQUEST_HEADERS_TOO_LARGE: { status: 431, summary: 'The request headers exceed the configured limit.' },
  REQUEST_URI_TOO_LONG: { status: 414, summary: 'A path segment (an artifact name, an id) is longer than any the API accepts.' },
  // Authentication of API callers.
  AUTH_MISSING_KEY: { status: 401, summary: 'The endpoint requires an API key and none was sent.' },
  AUTH_INVALID_KEY: { status: 401, summary: 'The API key is unknown or revoked.' },
  // Configuration and policy files, validated once at start-up.
  CONFIG_INVALID: { status: 400, summary: 'A configuration file failed validation; every problem is listed.' },
  CONFIG_UNREADABLE: { status: 400, summary: 'A configuration file could not be read or parsed.' },
  POLICY_INVALID: { status: 400, summary: 'A policy file failed validation; every problem is listed.' },
  POLICY_UNREADABLE: { status: 400, summary: 'A policy file could not be read or parsed.' },
  POLICY_PROMOTION_REFUSED: { status: 409, summary: 'A candidate policy failed its promotion gate (over-refusal, recall or reported prompts); nothing was replaced.' },
  POLICY_RELEASE_CONFLICT: { status: 409, summary: 'Another policy release was published while this one was being gated; nothing was published. Promote again.' },
  POLICY_RELEASE_NOT_FOUND: { status: 404, summary: 'The store has no policy release with that number.' },
  POLICY_RELEASE_UNTRUSTED: {
    status: 403,
    summary: 'A policy release is not signed by a key in guard.policySigners (unsigned, another key, or a signature that does not verify), or the store lost a release a server had in force; servers keep the policy in force.',
  },
  // The guard (classifiers, normalizer, policy decision).
  GUARD_MODEL_UNAVAILABLE: { status: 503, summary: 'The classifier model could not be loaded; requests are denied.' },
  GUARD_MODEL_INVALID: { status: 400, summary: 'A classifier artifact is corrupt or of an unknown format.' },
  GUARD_CLASSIFIER_FAILED: { status: 503, summary: 'A classifier raised an error; the request is denied (fail closed).' },
  GUARD_CLASSIFIER_TIMEOUT: { status: 503, summary: 'A classifier did not answer in time; the request is denied (fail closed).' },
  // Training and evaluation.
  TRAIN_DATA_INVALID: { status: 400, summary: 'A training data row is malformed.' },
  TRAIN_VECTORS_MISSING: { status: 400, summary: 'The optional word-vector package needed for training is not installed.' },
  EVAL_DATA_INVALID: { status: 400, summary: 'An evaluation data file is missing or a row is malformed.' },
  EVAL_UNKNOWN_TRANSFORM: { status: 400, summary: 'The named --transform is not one of the supported obfuscation families.' },
  // Storage.
  STORE_UNAVAILABLE: { status: 503, summary: 'The database could not be reached.' },
  STORE_MIGRATION_FAILED: { status: 500, summary: 'A database migration failed; the server does not start.' },
  // CLI-only usage problems.
  CLI_USAGE: { status: 400, summary: 'A command was called with missing or invalid arguments.' },
  CLI_SERVER_UNREACHABLE: { status: 503, summary: 'The CLI could not reach the Bulwark server.' },
  // The model gateway's upstreams (the provider APIs it forwards to).
  GATEWAY_UPSTREAM_UNREACHABLE: { status: 502, summary: 'The upstream model API could not be reached.' },
  GATEWAY_UPSTREAM_TIMEOUT: { status: 504, summary: 'The upstream model API did not answer in time.' },
  GATEWAY_UPSTREAM_ERROR: { status: 502, summary: 'The upstream model API answered with a server error.' },
  GATEWAY_UPSTREAM_AUTH: { status: 502, summary: "The upstream model API refused the gateway's credential." },
  GATEWAY_UPSTREAM_INVALID: { status: 502, summary: 'The upstream model API sent a response the gateway cannot parse.' },
  GATEWAY_CONTENT_UNREAD: {
    status: 400,
    summary: 'The request carries content the guard cannot read (images, audio, files, binary documents) and gateway.unreadContent is refuse.',
  },
  GATEWAY_RISK_UNAVAILABLE: { status: 503, summary: 'The shared conversation-risk store (Redis) did not answer; the request is denied (fail closed).' },
  GATEWAY_EXEMPTION_NOT_FOUND: { status: 404, summary: 'No active exemption has that id.' },
  // The audit log (RFC 6962 Merkle log with signed checkpoints).
  AUDIT_APPEND_FAILED: { status: 503, summary: 'The audit log could not record an event; the action that needed it is denied (fail closed).' },
  AUDIT_CHAIN_BROKEN: { status: 500, summary: 'The audit log failed verification; the first bad entry and the reason are named.' },
  AUDIT_PROOF_INVALID: { status: 500, summary: 'An inclusion or consistency proof does not verify against the given root.' },
  AUDIT_PROOF_UNAVAILABLE: { status: 503, summary: 'No signed checkpoint covers the requested entry (yet), so no proof can be given.' },
  AUDIT_ENTRY_NOT_FOUND: { status: 404, summary: 'The audit log has no entry with that index.' },
  AUDIT_KEY_UNAVAILABLE: { status: 500, summary: 'The audit log signing key could not be read, created, or has unsafe permissions.' },
  AUDIT_KEY_MISMATCH: { status: 500, summary: 'The audit log signing key differs from the key that signed the stored checkpoints.' },
  // The weights vault's encrypted artifact format.
  VAULT_INTEGRITY: { status: 422, summary: 'An artifact failed authentication (corrupt, truncated, tampered with, or wrong key); one fixed message.' },
  VAULT_FORMAT_UNSUPPORTED: { status: 415, summary: 'The file is not a Bulwark artifact, or of a format version this build cannot read.' },
  VAULT_INVALID_ARGUMENT: { status: 400, summary: 'An unusable vault option (key length, chunk size, artifact id).' },
  VAULT_SOURCE_MISMATCH: { status: 409, summary: 'The plaintext did not match its declared size or SHA-256 while being encrypted.' },
  VAULT_IO_FAILED: { status: 500, summary: 'Reading or writing an artifact file failed (missing file, full disk, permissions).' },
  VAULT_NOT_INITIALIZED: { status: 409, summary: 'The vault has no master key yet; run bulwark vault init.' },
  VAULT_ALREADY_INITIALIZED: { status: 409, summary: 'The vault already has a master key; init runs once.' },
  VAULT_SEALED: { status: 503, summary: 'The vault is sealed; M distinct unseal shares are needed before artifacts can be stored or read.' },
  VAULT_ALREADY_UNSEALED: { status: 409, summary: 'The vault is already unsealed; no more shares are needed.' },
  VAULT_INVALID_SHARE: { status: 400, summary: 'An unseal share is malformed (it must be 66 hex characters).' },
  VAULT_DUPLICATE_SHARE: { status: 409, summary: 'This unseal share was already submitted; the threshold needs distinct shares.' },
  VAULT_UNSEAL_FAILED: { status: 400, summary: 'The submitted shares do not reconstruct the master key; the unseal starts over.' },
  VAULT_ARTIFACT_NOT_FOUND: { status: 404, summary: 'No artifact with that name is registered.' },
  VAULT_ARTIFACT_EXISTS: { status: 409, summary: 'An artifact with that name is already registered.' },
  VAULT_REKEY_IN_PROGRESS: { status: 409, summary: 'A rekey is already in progress; finish it with M current shares or cancel it first.' },
  VAULT_REKEY_NOT_STARTED: { status: 409, summary: 'No rekey with that nonce is in progress (never started, cancelled, completed or failed).' },
  // Two-party access: identities, signed requests and approvals, grants, break-glass (src/access).
  ACCESS_INVALID_PAYLOAD: { status: 400, summary: 'A signed access payload is malformed, has unknown fields, or is not canonical JSON.' },
  ACCESS_CLOCK_SKEW: { status: 400, summary: 'A signed payload\'s time is too far from the server\'s clock.' },
  ACCESS_TTL_TOO_LONG: { status: 400, summary: 'The requested grant TTL exceeds what the approval policy allows.' },
  ACCESS_SIGNATURE_INVALID: { status: 401, summary: 'A signature does not verify against the registered key; one fixed message.' },
  ACCESS_UNKNOWN_IDENTITY: { status: 401, summary: 'The signing key is not a registered user (or was removed).' },
  ACCESS_NOT_AUTHORIZED: { status: 403, summary: 'The identity lacks the role this action needs.' },
  ACCESS_SELF_APPROVAL: { status: 403, summary: 'The approver is the requester; approvals need a second person (by key).' },
  ACCESS_POLICY_UNSATISFIED: { status: 403, summary: 'The approvals on record do not satisfy the approval policy, or the change would break it.' },
  ACCESS_ARTIFACT_MISMATCH: { status: 403, summary: 'The grant or request names a different artifact or plaintext SHA-256.' },
  ACCESS_GRANT_EXPIRED: { status: 403, summary: 'The grant\'s TTL has passed.' },
  ACCESS_GRANT_EXHAUSTED: { status: 403, summary: 'The grant has no uses left.' },
  ACCESS_GRANT_REVOKED: { status: 403, summary: 'The grant was revoked.' },
  ACCESS_GRANT_NOT_APPROVED: { status: 403, summary: 'The request is not (or not yet) an approved grant.' },
  ACCESS_REQUEST_NOT_FOUND: { status: 404, summary: 'No access request, grant or users change with that id.' },
  ACCESS_ARTIFACT_UNKNOWN: { status: 404, summary: 'No artifact with that id is registered.' },
  ACCESS_REVIEW_NOT_FOUND: { status: 404, summary: 'No break-glass review with that id.' },
  ACCESS_REQUEST_NOT_PENDING: { status: 409, summary: 'The request was already approved, denied or revoked; a denial is final.' },
  ACCESS_DUPLICATE_APPROVAL: { status: 409, summary: 'This approver already decided on this request.' },
  ACCESS_REPLAY: { status: 409, summary: 'The nonce or signed payload was already used.' },
  ACCESS_ALREADY_INITIALIZED: { status: 409, summary: 'Users are already registered; bootstrap admins are set only once.' },
  ACCESS_USER_CONFLICT: { status: 409, summary: 'The user change conflicts with the registered users (name or key taken, unknown user).' },
  ACCESS_REVIEW_CLOSED: { status: 409, summary: 'The break-glass review was already closed.' },
  ACCESS_REQUEST_EXPIRED: { status: 410, summary: 'The pending request expired before it was decided.' },
  ACCESS_KEY_FILE_INVALID: { status: 400, summary: 'An identity key file is missing, unreadable or not an Ed25519 PEM key.' },
  ACCESS_KEY_FILE_UNSAFE: { status: 400, summary: 'A private key file is readable by group or others; chmod 600 it.' },
  // Egress bandwidth controls: forward proxy, rate caps, byte budgets, planner (src/egress).
  EGRESS_BAD_REQUEST: { status: 400, summary: 'The proxy request is malformed (request line, target, port or headers).' },
  EGRESS_PROXY_AUTH_REQUIRED: { status: 407, summary: 'Proxy-Authorization is missing, malformed, or names an unknown identity or token.' },
  EGRESS_DESTINATION_DENIED: { status: 403, summary: 'The destination is not on the identity\'s egress allowlist (default deny).' },
  EGRESS_BUDGET_EXHAUSTED: { status: 403, summary: 'A byte budget of the identity or the enclave is used up for its window.' },
  EGRESS_LEDGER_UNAVAILABLE: { status: 503, summary: 'The shared egress ledger (Redis or the store) did not answer; traffic is refused.' },
  EGRESS_UPSTREAM_FAILED: { status: 502, summary: 'The proxy could not reach the allowed destination.' },
  EGRESS_EXFIL_TOO_FAST: { status: 400, summary: 'The egress policy would let the largest artifact leave faster than minTimeToExfiltrate.' },
  EGRESS_SELFTEST_FAILED: { status: 500, summary: 'The egress self-test measured a rate above the configured cap.' },
  // Binary allowlisting: program identity, exec gate, process monitor, exporters (src/allowlist).
  ALLOWLIST_NOT_ALLOWLISTED: { status: 403, summary: 'The program, its interpreter or its script is not allowlisted; every missing file is named.' },
  ALLOWLIST_UNVERIFIABLE_CODE: { status: 403, summary: 'The command would run code that cannot be hashed (inline -c/-e code, a module by name, stdin, an unknown interpreter option, or a code-loading environment variable).' },
  ALLOWLIST_PROGRAM_NOT_FOUND: { status: 404, summary: 'The command, interpreter or script could not be found or read as a regular file.' },
  ALLOWLIST_PROGRAM_UNSAFE: { status: 403, summary: 'A program file is writable by group or others, so it could change between the check and the exec.' },
  ALLOWLIST_INVALID_CHANGE: { status: 400, summary: 'An allowlist change or entry is malformed, has unknown fields, or is not canonical JSON.' },
  ALLOWLIST_SIGNATURE_INVALID: { status: 401, summary: 'A signature on an allowlist change or approval does not verify; one fixed message.' },
  ALLOWLIST_NOT_AUTHORIZED: { status: 403, summary: 'The signer is not a registered admin, so cannot request or approve allowlist changes.' },
  ALLOWLIST_SELF_APPROVAL: { status: 403, summary: 'The approver is the requester; allowlist changes need a second person (by key).' },
  ALLOWLIST_CHANGE_EXPIRED: { status: 410, summary: 'The allowlist change or an approval is older than the allowed window, or dated in the future.' },
  ALLOWLIST_CHANGE_REPLAYED: { status: 409, summary: 'This allowlist change was already applied.' },
  ALLOWLIST_ENTRY_EXISTS: { status: 409, summary: 'An allowlist entry with the same SHA-256 and path pattern already exists.' },
  ALLOWLIST_ENTRY_NOT_FOUND: { status: 404, summary: 'No allowlist entry with that id.' },
  ALLOWLIST_SCOPE_INVALID: { status: 400, summary: 'The process monitor needs an explicit scope (uid:N, cgroup:PATH or pid-tree:PID); it is never system-wide.' },
  ALLOWLIST_MONITOR_UNSUPPORTED: { status: 501, summary: 'The process monitor needs Linux /proc, which this system does not provide.' },
  ALLOWLIST_ARTIFACT_FAILED: { status: 500, summary: 'The artifact could not be written to its private 0600 file; the command was not started.' },
  ALLOWLIST_EXEC_FAILED: { status: 500, summary: 'The allowlisted command could not be started.' },
  ALLOWLIST_EXPORT_INVALID: { status: 400, summary: 'The allowlist cannot be written in the requested export format (unknown format or an entry the format cannot express).' },
  ALLOWLIST_RELEASE_REFUSED: { status: 403, summary: 'A release was refused because a proof is missing: the program identity is not allowlisted or the egress posture is unverified; the message names which.' },
  ALLOWLIST_CHANGE_NOT_FOUND: { status: 404, summary: 'No pending allowlist change with that id (it was applied, or never existed).' },
  // Last resort; the body never carries details.
  INTERNAL: { status: 500, summary: 'An unexpected error; the response carries only a request id.' },
} as const satisfies Record<string, { status: number; summary: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOG;

/** Codes that existed once. They must never be given a new meaning. */
export const RETIRED_ERROR_CODES: readonly string[] = [];

export type CodeWithPrefix<P extends string> = Extract<ErrorCode, `${P}_${string}`>;
