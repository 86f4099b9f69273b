import { createServer, request as httpRequest, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { systemClock, type Clock } from '../core/clock.js';
import { BulwarkError, isBulwarkError } from '../core/errors.js';
import { parseListen, type EgressConfig } from './config.js';
import { alertEvent, budgetAlert, silentLogger, type AlertNotifier, type EgressAlert, type EgressAuditPort, type EgressLogger } from './events.js';
import type { BudgetCrossing, BudgetRef, EgressLedger } from './ledger.js';
import { AnomalyDetector } from './anomaly.js';
import { admitDestination, type TunnelLimits } from './limits.js';
import { forwardableHeaders, headerBytes, parseAbsoluteTarget, parseConnectTarget, parseProxyAuthorization } from './proxy-request.js';
import { adoptWithReusedBuffer, reusedReadBuffer, type BorrowedChunkHandler } from './reused-read-buffer.js';
import { pumpBorrowedShaped, pumpShaped } from './shaper.js';
import { TrafficStats, type IdentityTraffic } from './traffic-stats.js';
import type { EgressTokenRepository } from './token-repository.js';

export interface EgressProxyOptions {
  readonly config: EgressConfig;
  readonly tokens: Pick<EgressTokenRepository, 'authenticate'>;
  readonly ledger: EgressLedger;
  readonly audit?: EgressAuditPort;
  readonly notifier?: AlertNotifier;
  readonly logger?: EgressLogger;
  readonly clock?: Clock;
  /** Overrides `config.listen` (tests bind port 0). */
  readonly listen?: { host: string; port: number };
  /** How often a tunnel stalled on a used-up budget asks again. */
  readonly stallPollMs?: number;
}

export interface EgressProxy {
  readonly url: string;
  readonly port: number;
  traffic(): IdentityTraffic[];
  close(): Promise<void>;
}

/** How long a tunnel's surviving side may take to flush after the other side closed. */
const HALF_CLOSE_GRACE_MS = 10_000;

interface Context extends EgressProxyOptions {
  readonly clock: Clock;
  readonly logger: EgressLogger;
  readonly stats: TrafficStats;
  readonly anomaly: AnomalyDetector;
}

/** Starts the forward proxy: CONNECT tunnels and absolute-URI HTTP, authenticated, default-deny. */
export async function startEgressProxy(options: EgressProxyOptions): Promise<EgressProxy> {
  const clock = options.clock ?? systemClock;
  const ctx: Context = {
    ...options,
    clock,
    logger: options.logger ?? silentLogger,
    stats: new TrafficStats(clock),
    anomaly: new AnomalyDetector(options.config.anomaly, () => clock.now()),
  };
  const sockets = new Set<Duplex>();
  const server = createServer({ maxHeaderSize: options.config.maxHeaderBytes });
  server.on('connection', (socket: Socket) => track(sockets, socket));
  server.on('connect', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Upload bytes are read into one reused buffer (see reused-read-buffer.ts); the pump that takes
    // them exists only once the tunnel is admitted, and reading stays paused until then.
    let upload: BorrowedChunkHandler | null = null;
    const adopted = adoptWithReusedBuffer(socket, () => upload);
    if (adopted) sockets.delete(socket);
    const client = adopted ?? socket;
    track(sockets, client);
    const borrowed = adopted ? (pump: BorrowedChunkHandler) => (upload = pump) : null;
    void handleConnect(ctx, req, client, head, sockets, borrowed);
  });
  server.on('request', (req: IncomingMessage, res: ServerResponse) => void handleHttp(ctx, req, res, sockets));
  // Garbage request lines and oversized headers: a 4xx, and the proxy keeps serving others.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    if (socket.writable) socket.end(`HTTP/1.1 ${tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    socket.destroy();
  });
  const listen = options.listen ?? parseListen(options.config.listen);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : listen.port;
  const host = listen.host.includes(':') ? `[${listen.host}]` : listen.host;
  return { url: `http://${host}:${port}`, port, traffic: () => ctx.stats.snapshot(), close: () => closeServer(server, sockets) };
}

function track(sockets: Set<Duplex>, socket: Duplex): void {
  sockets.add(socket);
  socket.once('close', () => sockets.delete(socket));
  // A peer reset must not crash the process; the pump sees 'close' and stops.
  socket.on('error', () => {});
}

async function closeServer(server: Server, sockets: Set<Duplex>): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  for (const socket of sockets) socket.destroy();
  server.closeAllConnections();
  await closed;
}

/** Steps shared by both request kinds: credentials, allowlist, budgets. Throws a typed error. */
async function admit(ctx: Context, req: IncomingMessage, host: string, port: number): Promise<{ identity: string; limits: TunnelLimits }> {
  const credentials = parseProxyAuthorization(req.headers['proxy-authorization']);
  if (credentials === null) throw new BulwarkError('EGRESS_PROXY_AUTH_REQUIRED', 'Proxy authentication required (Basic identity:token).');
  if (!(await ctx.tokens.authenticate(credentials.identity, credentials.token))) {
    blockEvent(ctx, null, `${host}:${port}`, 'invalid proxy credentials');
    throw new BulwarkError('EGRESS_PROXY_AUTH_REQUIRED', 'Proxy authentication failed: unknown identity or token.');
  }
  const { identity } = credentials;
  const admission = admitDestination(ctx.config, identity, host, port);
  if (!admission.ok) {
    blockEvent(ctx, identity, `${host}:${port}`, admission.reason);
    throw new BulwarkError('EGRESS_DESTINATION_DENIED', `Egress denied: ${admission.reason}.`);
  }
  const exhausted = await exhaustedBudget(ctx, admission.limits.budgets);
  if (exhausted !== null) {
    const reason = `egress budget ${exhausted.scope} ${exhausted.window} (${exhausted.limitBytes} bytes) is used up; new connections are refused until the window rolls on`;
    blockEvent(ctx, identity, `${host}:${port}`, reason);
    throw new BulwarkError('EGRESS_BUDGET_EXHAUSTED', `Egress denied: ${reason}.`);
  }
  return { identity, limits: admission.limits };
}

async function exhaustedBudget(ctx: Context, budgets: readonly BudgetRef[]): Promise<BudgetRef | null> {
  try {
    return (await ctx.ledger.take([], budgets, 0)).exhausted;
  } catch (error) {
    if (ctx.config.failOpenOnLedgerError) {
      ctx.logger.warn({ err: error }, 'egress ledger unavailable; failOpenOnLedgerError lets the connection through');
      return null;
    }
    throw isBulwarkError(error) ? error : new BulwarkError('EGRESS_LEDGER_UNAVAILABLE', 'The egress ledger did not answer; traffic is refused.', { cause: error });
  }
}

/** Set when a tunnel end reads into a reused buffer: installs the pump that reads it. */
type BorrowedReader = ((pump: BorrowedChunkHandler) => void) | null;

async function handleConnect(ctx: Context, req: IncomingMessage, client: Duplex, head: Buffer, sockets: Set<Duplex>, borrowed: BorrowedReader): Promise<void> {
  try {
    const target = parseConnectTarget(req.url);
    if (target === null) throw new BulwarkError('EGRESS_BAD_REQUEST', 'CONNECT needs a host:port target with a port of 1-65535.');
    const { identity, limits } = await admit(ctx, req, target.host, target.port);
    let download: BorrowedChunkHandler | null = null;
    const upstream = await openUpstream(target.host, target.port, ctx.config.connectTimeoutMs, () => download);
    track(sockets, upstream);
    client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    bridge(ctx, identity, `${target.host}:${target.port}`, limits, { client, upstream, head }, { client: borrowed, upstream: (pump) => (download = pump) });
  } catch (error) {
    refuseSocket(ctx, client, error);
  }
}

async function handleHttp(ctx: Context, req: IncomingMessage, res: ServerResponse, sockets: Set<Duplex>): Promise<void> {
  try {
    const url = parseAbsoluteTarget(req.url);
    if (url === null) throw new BulwarkError('EGRESS_BAD_REQUEST', 'The proxy takes absolute http:// URLs or CONNECT host:port.');
    const port = url.port === '' ? 80 : Number(url.port);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const { identity, limits } = await admit(ctx, req, host, port);
    const headers = forwardableHeaders(req.headers);
    const charged = await ctx.ledger.take(limits.upload, limits.budgets, headerBytes(req.url ?? '', headers));
    if (charged.exhausted !== null && charged.granted < headerBytes(req.url ?? '', headers)) {
      throw new BulwarkError('EGRESS_BUDGET_EXHAUSTED', `Egress denied: egress budget ${charged.exhausted.scope} ${charged.exhausted.window} is used up.`);
    }
    const upstream = httpRequest({ host, port, method: req.method, path: `${url.pathname}${url.search}`, headers, timeout: ctx.config.connectTimeoutMs });
    upstream.on('socket', (socket) => track(sockets, socket));
    upstream.once('error', () => refuseHttp(res, new BulwarkError('EGRESS_UPSTREAM_FAILED', `Could not reach ${host}:${port}.`)));
    const tunnelId = ctx.anomaly.openTunnel(identity, `${host}:${port}`);
    res.once('close', () => ctx.anomaly.closeTunnel(tunnelId));
    upstream.once('response', (answer) => {
      res.writeHead(answer.statusCode ?? 502, forwardableHeaders(answer.headers));
      pumpShaped(answer, res, shapeOptions(ctx, identity, `${host}:${port}`, limits.download, [], 'down', tunnelId));
    });
    pumpShaped(req, upstream, shapeOptions(ctx, identity, `${host}:${port}`, limits.upload, limits.budgets, 'up', tunnelId));
  } catch (error) {
    refuseHttp(res, toProxyError(ctx, error));
  }
}

interface TunnelEnds {
  readonly client: Duplex;
  readonly upstream: Socket;
  /** Bytes the client sent right behind the CONNECT head. */
  readonly head: Buffer;
}

function bridge(ctx: Context, identity: string, destination: string, limits: TunnelLimits, ends: TunnelEnds, readers: { client: BorrowedReader; upstream: BorrowedReader }): void {
  const { client, upstream, head } = ends;
  // One side gone: let the other flush what it already accepted, then make sure it goes too.
  // The grace timer is cleared when the other side closes, so it never holds a closed tunnel's sockets.
  const finish = (other: Duplex) => (): void => {
    other.end();
    if (other.destroyed) return;
    const timer = setTimeout(() => other.destroy(), HALF_CLOSE_GRACE_MS).unref();
    other.once('close', () => clearTimeout(timer));
  };
  client.once('close', finish(upstream));
  upstream.once('close', finish(client));
  ctx.stats.open(identity);
  const tunnelId = ctx.anomaly.openTunnel(identity, destination);
  client.once('close', () => {
    ctx.stats.closed(identity);
    ctx.anomaly.closeTunnel(tunnelId);
  });
  const upload = shapeOptions(ctx, identity, destination, limits.upload, limits.budgets, 'up', tunnelId);
  if (readers.client) {
    const pump = pumpBorrowedShaped(client, upstream, upload);
    readers.client(pump);
    // The head goes first; the pump resumes reading after it.
    if (head.length === 0 || pump(head)) client.resume();
  } else {
    if (head.length > 0) client.unshift(head);
    pumpShaped(client, upstream, upload);
  }
  const download = shapeOptions(ctx, identity, destination, limits.download, [], 'down', tunnelId);
  if (readers.upstream) {
    readers.upstream(pumpBorrowedShaped(upstream, client, download));
    upstream.resume();
  } else {
    pumpShaped(upstream, client, download);
  }
}

function shapeOptions(
  ctx: Context,
  identity: string,
  destination: string,
  buckets: TunnelLimits['upload'],
  budgets: readonly BudgetRef[],
  direction: 'up' | 'down',
  tunnelId: number,
) {
  return {
    ledger: ctx.ledger,
    buckets,
    budgets,
    failOpenOnLedgerError: ctx.config.failOpenOnLedgerError,
    ...(ctx.stallPollMs === undefined ? {} : { stallPollMs: ctx.stallPollMs }),
    onCrossings: (crossings: readonly BudgetCrossing[]) => crossings.forEach((c) => raiseBudgetAlert(ctx, c, identity, destination)),
    onStall: (budget: BudgetRef) => ctx.logger.warn({ identity, destination, scope: budget.scope, window: budget.window }, 'egress budget used up; tunnel throttled to zero'),
    onForwarded: (bytes: number) => {
      ctx.stats.add(identity, direction, bytes);
      if (direction === 'up') for (const alert of ctx.anomaly.record(tunnelId, bytes)) raiseAlert(ctx, alert);
    },
    onLedgerError: (error: unknown) => ctx.logger.warn({ identity, destination, err: error }, 'egress ledger failed; tunnel closed (fail closed)'),
  };
}

function raiseBudgetAlert(ctx: Context, crossing: BudgetCrossing, identity: string, destination: string): void {
  raiseAlert(ctx, budgetAlert(crossing, identity, destination, ctx.clock.now()));
}

/** Every alert goes to the proxy log, the audit log and the notifier (webhook). */
function raiseAlert(ctx: Context, alert: EgressAlert): void {
  ctx.logger.warn({ identity: alert.identity, destination: alert.destination, kind: alert.kind, ...alert.details }, alert.message);
  ctx.audit?.append(alertEvent(alert)).catch((error: unknown) => ctx.logger.warn({ err: error }, 'egress: audit append failed'));
  ctx.notifier?.notify(alert).catch((error: unknown) => ctx.logger.warn({ err: error }, 'egress: alert webhook failed'));
}

function blockEvent(ctx: Context, identity: string | null, destination: string, reason: string): void {
  ctx.logger.info({ identity, destination, reason }, 'egress blocked');
  ctx.audit
    ?.append({ type: 'egress.block', actor: identity, subject: destination.slice(0, 512), time: ctx.clock.now(), details: { reason } })
    .catch((error: unknown) => ctx.logger.warn({ err: error }, 'egress: audit append failed'));
}

/** Connects to the destination; reads go to one reused buffer and stay paused until the tunnel installs its reader. */
function openUpstream(host: string, port: number, timeoutMs: number, reader: () => BorrowedChunkHandler | null): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, onread: reusedReadBuffer(reader) });
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error('connect timeout')));
    socket.once('connect', () => {
      socket.pause();
      socket.setTimeout(0);
      socket.off('error', onError);
      resolve(socket);
    });
    const onError = (cause: Error): void => reject(new BulwarkError('EGRESS_UPSTREAM_FAILED', `Could not reach ${host}:${port}.`, { cause }));
    socket.once('error', onError);
  });
}

function toProxyError(ctx: Context, error: unknown): BulwarkError {
  if (isBulwarkError(error)) return error;
  ctx.logger.warn({ err: error }, 'egress: unexpected error');
  return new BulwarkError('INTERNAL', 'An unexpected error.');
}

function refusalHead(error: BulwarkError): Record<string, string> {
  return error.code === 'EGRESS_PROXY_AUTH_REQUIRED' ? { 'Proxy-Authenticate': 'Basic realm="bulwark-egress"' } : {};
}

function refuseSocket(ctx: Context, socket: Duplex, error: unknown): void {
  const known = toProxyError(ctx, error);
  const body = JSON.stringify(known.toJSON());
  const extra = Object.entries(refusalHead(known)).map(([k, v]) => `${k}: ${v}\r\n`).join('');
  const head = `HTTP/1.1 ${known.status} ${STATUS_CODES[known.status] ?? 'Error'}\r\n${extra}Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`;
  if (socket.writable) socket.end(head + body);
  else socket.destroy();
}

function refuseHttp(res: ServerResponse, error: BulwarkError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify(error.toJSON());
  res.writeHead(error.status, { ...refusalHead(error), 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), connection: 'close' });
  res.end(body);
}
