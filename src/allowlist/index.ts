export {
  ALLOWLIST_CHANGE_ROLE,
  DEFAULT_ALLOWLIST_CHANGE_TTL_SECONDS,
  DEFAULT_ALLOWLIST_CLOCK_SKEW_SECONDS,
  DEFAULT_ALLOWLIST_REQUIRED_APPROVALS,
  createAllowlistService,
  type AllowlistCheck,
  type AllowlistEntry,
  type AllowlistService,
  type AllowlistServiceOptions,
  type AppliedChange,
  type MissingComponent,
} from './allowlist.js';
export { DEFAULT_ARTIFACT_ROOTS, sweepStaleArtifacts, type ArtifactSource } from './artifact-file.js';
export {
  ALLOWLIST_SIGNATURE_DOMAINS,
  ENTRY_KINDS,
  allowlistChangeDigest,
  signAllowlistApproval,
  signAllowlistChange,
  verifyAllowlistSignature,
  type AllowlistApprovalPayload,
  type AllowlistChangeInput,
  type AllowlistChangePayload,
  type EntryKind,
  type EntrySpec,
} from './changes.js';
export { entrySpecForFile } from './entry-spec.js';
export { ARTIFACT_PATH_ENV, createExecGate, type ExecGate, type ExecGateOptions, type ExecRequest, type ExecResult } from './exec-gate.js';
export * from './export/index.js';
export {
  DEFAULT_EXEC_PATH,
  codeLoadingVariables,
  hashFile,
  lookUpCommand,
  resolveProgramIdentity,
  type ComponentRole,
  type ProgramComponent,
  type ProgramIdentity,
  type ResolveOptions,
} from './identity.js';
export {
  DEFAULT_MONITOR_INTERVAL_MS,
  KEEP_ALIVE_NAMES,
  parseMonitorScope,
  startProcessMonitor,
  MONITOR_ACTIONS,
  MONITOR_MODES,
  type MonitorAction,
  type MonitorMode,
  type MonitorScope,
  type ProcessMonitor,
  type ProcessMonitorOptions,
  type UnknownProcess,
} from './monitor.js';
export {
  MONITOR_REPORT_TYPES,
  createMonitorWebhookNotifier,
  monitorReportDetailsSchema,
  monitorWebhookBody,
  type MonitorReport,
  type MonitorReportDetails,
  type MonitorReportNotifier,
  type MonitorReportType,
  type MonitorWebhookOptions,
} from './monitor-webhook.js';
export {
  keyDirectoryFromUsers,
  type AllowlistAuditEvent,
  type AllowlistAuditSink,
  type AllowlistAuditType,
  type KeyDirectory,
  type KeyHolder,
} from './ports.js';
export {
  DEFAULT_EGRESS_STATUS_TIMEOUT_MS,
  DEFAULT_EGRESS_STATUS_URL,
  DEFAULT_MAX_SELFTEST_AGE_SECONDS,
  probeEgressPosture,
  type EgressPosture,
  type EgressPostureOptions,
} from './egress-posture.js';
export { createPendingChangeStore, type PendingChange, type PendingChangeStore } from './pending-changes.js';
export {
  PROGRAM_HEADER,
  RELEASE_PURPOSES,
  createReleasePolicy,
  decodeProgramClaim,
  encodeProgramClaim,
  programClaimDigest,
  programClaimOf,
  releaseTarget,
  type ProgramClaim,
  type ReleasePolicy,
  type ReleasePolicyOptions,
  type ReleasePurpose,
  type ReleaseRequest,
} from './release.js';
export { ALLOWLIST_CALL_HEADER, signAllowlistCall, verifyAllowlistCall, type AllowlistCallAction } from './signed-call.js';
export { allowlistChangeSchema, allowlistApprovalSchema, parseAllowlistPayload } from './changes.js';
