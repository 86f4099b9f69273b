import pg from 'pg';
import { errorMessage } from '../core/errors.js';
import { DEFAULT_POSTGRES_CONNECT_TIMEOUT_MS, DEFAULT_POSTGRES_SCHEMA } from './postgres-connection.js';

/**
 * PostgreSQL pushes new policy releases to replicas: `publish` sends `NOTIFY` on this channel with the
 * schema and the release number, and every replica LISTENs on a connection of its own. The channel is
 * database-wide, so the payload names the schema and a listener ignores other schemas' releases.
 * Notifications are a hint, not the record: a replica that misses one (its connection was down) still
 * finds the release at its next poll (`guard.policyWatchIntervalMs`) or when its listener reconnects.
 */
export const POLICY_RELEASE_CHANNEL = 'bulwark_policy_release';

export function releaseNotificationPayload(schema: string, seq: number): string {
  return JSON.stringify({ schema, seq });
}

export interface ReleaseListenerOptions {
  readonly url: string;
  readonly schema?: string;
  /** A release was published (its number), or the listener (re)connected and may have missed one (null). */
  readonly onRelease: (seq: number | null) => void;
  /** The connection failed or dropped; the listener retries on its own. */
  readonly onError: (error: Error) => void;
  /** First retry delay; doubles up to `maxRetryMs`. */
  readonly retryMs?: number;
  readonly maxRetryMs?: number;
}

export interface ReleaseListener {
  /** Resolves once the first LISTEN is in place (or the first attempt failed; retries go on). */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

export function listenForPolicyReleases(options: ReleaseListenerOptions): ReleaseListener {
  const schema = options.schema ?? DEFAULT_POSTGRES_SCHEMA;
  const firstRetryMs = options.retryMs ?? 1_000;
  const maxRetryMs = options.maxRetryMs ?? 30_000;
  let retryMs = firstRetryMs;
  let client: pg.Client | null = null;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const onNotification = (message: pg.Notification): void => {
    if (message.channel !== POLICY_RELEASE_CHANNEL || message.payload === undefined) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(message.payload);
    } catch {
      return;
    }
    const { schema: from, seq } = (parsed ?? {}) as { schema?: unknown; seq?: unknown };
    if (from === schema && Number.isSafeInteger(seq)) options.onRelease(seq as number);
  };

  const scheduleRetry = (): void => {
    if (closed || timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, retryMs);
    timer.unref();
    retryMs = Math.min(maxRetryMs, retryMs * 2);
  };

  const dropped = (current: pg.Client, error: Error): void => {
    if (client !== current) return;
    client = null;
    current.removeAllListeners('notification');
    void current.end().catch(() => undefined);
    if (closed) return;
    options.onError(error);
    scheduleRetry();
  };

  async function connect(): Promise<void> {
    if (closed) return;
    const current = new pg.Client({
      connectionString: options.url,
      connectionTimeoutMillis: DEFAULT_POSTGRES_CONNECT_TIMEOUT_MS,
      // How an operator tells this connection apart in pg_stat_activity.
      application_name: 'bulwark-policy-releases',
      // An idle connection a firewall dropped silently would never error, and pushes would just stop.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    client = current;
    // Without an 'error' listener a dropped socket would crash the process.
    current.on('error', (error) => dropped(current, error));
    current.on('end', () => dropped(current, new Error('the PostgreSQL connection for policy release notifications ended')));
    current.on('notification', onNotification);
    try {
      await current.connect();
      await current.query(`LISTEN ${POLICY_RELEASE_CHANNEL}`);
    } catch (error) {
      dropped(current, new Error(`cannot LISTEN for policy releases: ${errorMessage(error)}`));
      return;
    }
    if (closed) {
      await current.end().catch(() => undefined);
      return;
    }
    retryMs = firstRetryMs;
    options.onRelease(null);
  }

  return {
    ready: connect(),
    close: async () => {
      closed = true;
      clearTimeout(timer);
      const current = client;
      client = null;
      if (current !== null) {
        current.removeAllListeners('notification');
        await current.end().catch(() => undefined);
      }
    },
  };
}
