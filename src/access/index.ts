export { createAccessService, type AccessService, type AccessServiceOptions } from './access-service.js';
export {
  DEFAULT_APPROVAL_POLICY,
  DEFAULT_APPROVAL_RULE,
  DEFAULT_BREAK_GLASS_TTL_SECONDS,
  DEFAULT_LABEL_RULES,
  DEFAULT_MAX_CLOCK_SKEW_SECONDS,
  DEFAULT_MAX_GRANT_TTL_SECONDS,
  DEFAULT_REQUEST_TTL_SECONDS,
  DEFAULT_REVIEW_WINDOW_SECONDS,
  MIN_ADMINS,
  approvalPolicySchema,
  resolveApprovalPolicy,
  type ApprovalPolicy,
  type ApprovalRequirement,
  type ApprovalRule,
} from './approval-policy.js';
export { DEFAULT_REQUEST_LIST_LIMIT, MAX_REQUEST_LIST_LIMIT } from './access-repository.js';
export { canonicalize } from './canonical-json.js';
export {
  requestDigestOf,
  signAccessRequest,
  signBreakGlass,
  signDecision,
  signReview,
  signRevoke,
  signUsersChange,
  type AccessRequestInput,
} from './client.js';
export {
  generateIdentity,
  loadIdentity,
  loadPublicKeyFile,
  publicKeyFromPem,
  writeIdentityFiles,
  type GeneratedIdentity,
  type PublicIdentity,
  type SigningIdentity,
} from './identity.js';
export {
  ACCESS_SCOPES,
  USER_ROLES,
  type AccessRequestPayload,
  type AccessScope,
  type DecisionPayload,
  type ReviewPayload,
  type RevokePayload,
  type SignedEnvelope,
  type UserChange,
  type UserRole,
  type UsersChangePayload,
} from './payloads.js';
export type {
  AccessAuditEvent,
  AccessAuditType,
  AccessNotification,
  ArtifactDirectory,
  ArtifactInfo,
  AuditSink,
  Notifier,
} from './ports.js';
export type {
  AccessRequestRecord,
  AccessUser,
  DecisionRecord,
  ReleaseGrant,
  RequestKind,
  RequestListQuery,
  RequestStatus,
  RequestSummary,
  ReviewRecord,
} from './records.js';
export type { ReleaseTarget } from './release.js';
export { SIGNATURE_DOMAINS, keyIdOf, payloadDigest, signedBytes, signPayload, verifyPayload } from './signing.js';
export type { BootstrapUser } from './users-flow.js';
export {
  DEFAULT_WEBHOOK_TIMEOUT_MS,
  createWebhookNotifier,
  parseWebhookUrl,
  postWebhookJson,
  type WebhookNotifierOptions,
  type WebhookPostOptions,
} from './webhook-notifier.js';
