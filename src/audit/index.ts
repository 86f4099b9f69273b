export {
  createAuditLog,
  DEFAULT_AUDIT_CHECKPOINT_EVERY_ENTRIES,
  DEFAULT_AUDIT_CHECKPOINT_INTERVAL_MS,
  DEFAULT_AUDIT_ORIGIN,
  type AppendedEntry,
  type AuditLog,
  type AuditLogOptions,
} from './log.js';
export { AUDIT_EVENT_TYPES, MAX_AUDIT_ENTRY_BYTES, parseLeaf, type AuditEvent, type AuditEventType } from './events.js';
export type { JsonValue } from './canonical-json.js';
export { DEFAULT_AUDIT_LOG_KEY_FILE, loadOrCreateLogKey, readLogPublicKey, type LogKey } from './log-key.js';
export { CHECKPOINT_FILE_FORMAT, parseCheckpointFile, toCheckpointFile, type CheckpointFile } from './checkpoint-file.js';
export { checkpointLine, entryLine, parseExportLine, type ExportLine } from './export-file.js';
export type { ConsistencyProof, InclusionProof } from './prove.js';
export * from './verify/index.js';
