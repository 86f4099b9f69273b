export { openStore, type OpenStoreOptions } from './open-store.js';
export {
  openRedis,
  DEFAULT_REDIS_COMMAND_TIMEOUT_MS,
  DEFAULT_REDIS_CONNECT_TIMEOUT_MS,
  type OpenRedisOptions,
  type RedisHandle,
} from './redis.js';
export { API_KEY_PREFIX } from './api-key-repository.js';
export { DEFAULT_DECISION_LIST_LIMIT, MAX_DECISION_LIST_LIMIT } from './decision-repository.js';
export {
  DEFAULT_POSTGRES_CONNECT_TIMEOUT_MS,
  DEFAULT_POSTGRES_POOL_SIZE,
  DEFAULT_POSTGRES_SCHEMA,
} from './postgres-connection.js';
export { DEFAULT_SQLITE_BUSY_TIMEOUT_MS, SQLITE_MEMORY_PATH } from './sqlite-connection.js';
export { listenForPolicyReleases, POLICY_RELEASE_CHANNEL, type ReleaseListener, type ReleaseListenerOptions } from './policy-release-notifications.js';
export type {
  ApiKeyRepository,
  ApiKeySummary,
  CreatedApiKey,
  Database,
  Decision,
  DecisionListQuery,
  DecisionMode,
  DecisionDetails,
  DecisionRecord,
  Exemption,
  ExemptionRepository,
  PolicyRelease,
  PolicyReleaseRepository,
  PolicyReleaseSummary,
  DecisionRepository,
  StorageConfig,
  Store,
  StoreDialect,
} from './types.js';
