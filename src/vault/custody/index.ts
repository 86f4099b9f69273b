export {
  createKeyCustody,
  type CustodyStatus,
  type InitResult,
  type KeyCustody,
  type KeyCustodyOptions,
  type KeyProviderName,
  type VaultAuditSink,
} from './custody.js';
export { type RekeyShareResult, type RekeyStatus, type Rekeying } from './rekey.js';
export { INSECURE_LOCAL_KEY_FILE, decodeInsecureKey, readInsecureKeyFile, writeInsecureKeyFile } from './insecure-providers.js';
export { MASTER_KEY_BYTES, deriveArtifactKek, generateMasterKey, masterKeyVerifier } from './master-key.js';
export { DEFAULT_SHARES, DEFAULT_THRESHOLD, MAX_SHARES, SHARE_BYTES, parseShare } from './shares.js';
