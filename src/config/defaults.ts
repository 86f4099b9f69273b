/** Named defaults with their units. Every one is the safe choice; loosening takes an explicit setting. */
export const DEFAULT_PORT = 8720;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_HOME_DIR = '.bulwark';
export const DEFAULT_SQLITE_FILE = 'bulwark.db';
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;
export const DEFAULT_MAX_JSON_DEPTH = 32;
export const DEFAULT_MAX_HEADER_BYTES = 16 * 1024;
export const DEFAULT_MAX_INPUTS_PER_REQUEST = 256;
export const DEFAULT_MAX_INPUT_CHARS = 200_000;
export const DEFAULT_CLASSIFIER_WINDOW_CHARS = 2_000;
export const DEFAULT_CLASSIFIER_WINDOW_OVERLAP_CHARS = 400;
/** About 150 bytes each: 8,192 windows (some 13 million characters of conversations) take about 1.2 MB per classifier thread. */
export const DEFAULT_WINDOW_CACHE_ENTRIES = 8_192;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
export const DEFAULT_MODEL_FILE = 'models/cbrn-guard.bin';
export const DEFAULT_POLICY_FILE = 'policy/default.yaml';
/** Rapid response: a rule added to the policy file is in force within this long, without a restart. */
export const DEFAULT_POLICY_WATCH_INTERVAL_MS = 2_000;
export const DEFAULT_DECISION_LIST_LIMIT = 50;
/** A rule regex longer than this is refused at load: rules are for canaries and rapid patches. */
export const MAX_RULE_PATTERN_CHARS = 512;
