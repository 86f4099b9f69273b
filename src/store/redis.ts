import { Redis } from 'ioredis';
import { unavailable } from './store-errors.js';

export const DEFAULT_REDIS_CONNECT_TIMEOUT_MS = 5_000;
/** A hung Redis must not hang the request: the egress path denies when a command times out. */
export const DEFAULT_REDIS_COMMAND_TIMEOUT_MS = 2_000;
const MAX_RECONNECT_DELAY_MS = 2_000;

export interface OpenRedisOptions {
  /** Prepended to every key (e.g. `bulwark:`), so one Redis can serve several deployments or tests. */
  keyPrefix?: string;
  connectTimeoutMs?: number;
  commandTimeoutMs?: number;
  /** Connection errors after start-up (ioredis reconnects on its own); log them. */
  onBackgroundError?: (error: Error) => void;
}

export interface RedisHandle {
  /** The raw client, for the Lua scripts of the egress and gateway modules. */
  readonly client: Redis;
  /** Throws BulwarkError STORE_UNAVAILABLE when Redis does not answer. */
  ping(): Promise<void>;
  /** Idempotent. */
  close(): Promise<void>;
}

function createClient(url: string, options: OpenRedisOptions): Redis {
  try {
    return new Redis(url, {
      lazyConnect: true,
      keyPrefix: options.keyPrefix ?? '',
      connectTimeout: options.connectTimeoutMs ?? DEFAULT_REDIS_CONNECT_TIMEOUT_MS,
      commandTimeout: options.commandTimeoutMs ?? DEFAULT_REDIS_COMMAND_TIMEOUT_MS,
      // Fail closed: while disconnected, commands reject at once instead of queueing until Redis
      // returns, so a budget check during an outage denies rather than waits or passes.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: (attempt) => Math.min(attempt * 100, MAX_RECONNECT_DELAY_MS),
    });
  } catch (cause) {
    throw unavailable(cause);
  }
}

/** Connect and verify with PING; rejects with STORE_UNAVAILABLE rather than retrying forever. */
export async function openRedis(url: string, options: OpenRedisOptions = {}): Promise<RedisHandle> {
  const client = createClient(url, options);
  // Without a listener ioredis reports errors on the console; we never write there. The last one is
  // kept because a failed connect() itself only says "Connection is closed".
  let lastError: Error | undefined;
  client.on('error', (error: Error) => {
    lastError = error;
    options.onBackgroundError?.(error);
  });
  const ping = async (): Promise<void> => {
    try {
      await client.ping();
    } catch (cause) {
      throw unavailable(cause);
    }
  };
  try {
    await client.connect();
    await ping();
  } catch (cause) {
    client.disconnect();
    throw unavailable(lastError ?? cause);
  }
  let closing: Promise<void> | undefined;
  const close = async (): Promise<void> => {
    try {
      await client.quit();
    } catch {
      client.disconnect();
    }
  };
  return Object.freeze({ client, ping, close: () => (closing ??= close()) });
}
