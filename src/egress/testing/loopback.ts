import { createServer, connect, type Server, type Socket } from 'node:net';

/** Test servers and clients on 127.0.0.1 only, with every wait bounded. */
export const LOOPBACK = '127.0.0.1';
const DEFAULT_WAIT_MS = 15_000;

export interface Sink {
  readonly port: number;
  /** Bytes received on all connections so far. */
  received(): number;
  /** Resolves with `performance.now()` at the moment `bytes` had arrived (or rejects after `timeoutMs`). */
  waitFor(bytes: number, timeoutMs?: number): Promise<number>;
  close(): Promise<void>;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no address');
  return address.port;
}

function closer(server: Server, sockets: Set<Socket>): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
}

/** A TCP sink that discards and counts what it is sent. */
export async function startSink(): Promise<Sink> {
  let total = 0;
  let waiters: { bytes: number; resolve: (at: number) => void }[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('data', (chunk: Buffer) => {
      total += chunk.length;
      const at = performance.now();
      const due = waiters.filter((x) => total >= x.bytes);
      waiters = waiters.filter((x) => total < x.bytes);
      for (const w of due) w.resolve(at);
    });
  });
  const port = await listen(server);
  return {
    port,
    received: () => total,
    waitFor: (bytes, timeoutMs = DEFAULT_WAIT_MS) =>
      new Promise((resolve, reject) => {
        if (total >= bytes) return resolve(performance.now());
        const timer = setTimeout(() => reject(new Error(`sink got ${total} of ${bytes} bytes in ${timeoutMs} ms`)), timeoutMs);
        waiters.push({ bytes, resolve: (at) => (clearTimeout(timer), resolve(at)) });
      }),
    close: closer(server, sockets),
  };
}

/** A TCP echo server. */
export async function startEcho(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.pipe(socket);
  });
  return { port: await listen(server), close: closer(server, sockets) };
}

export function basicAuth(identity: string, token: string): string {
  return `Basic ${Buffer.from(`${identity}:${token}`).toString('base64')}`;
}

export interface TunnelAttempt {
  readonly status: number;
  /** The response head and any body read before the proxy closed (refusals). */
  readonly response: string;
  /** The open tunnel when status is 200. */
  readonly socket: Socket;
}

/** Sends a raw request to the proxy and reads the response head (and body, for refusals). */
export function rawRequest(proxyPort: number, request: string, timeoutMs = DEFAULT_WAIT_MS): Promise<TunnelAttempt> {
  return new Promise((resolve, reject) => {
    const socket = connect(proxyPort, LOOPBACK);
    let text = '';
    const timer = setTimeout(() => (socket.destroy(), reject(new Error(`no proxy answer in ${timeoutMs} ms: ${text}`))), timeoutMs);
    const finish = (): void => {
      clearTimeout(timer);
      socket.off('data', onData);
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      resolve({ status, response: text, socket });
    };
    const onData = (chunk: Buffer): void => {
      text += chunk.toString('latin1');
      if (/^HTTP\/1\.1 200 /.test(text) && text.includes('\r\n\r\n')) finish();
    };
    socket.on('data', onData);
    socket.once('close', finish);
    socket.once('error', () => {});
    socket.write(request);
  });
}

export function connectThrough(proxyPort: number, target: string, auth?: string): Promise<TunnelAttempt> {
  const header = auth === undefined ? '' : `Proxy-Authorization: ${auth}\r\n`;
  return rawRequest(proxyPort, `CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n${header}\r\n`);
}

/**
 * Writes `bytes` into an open tunnel as fast as the socket accepts them, resolving when everything
 * was handed to the kernel (the proxy's backpressure is what slows this down).
 */
export async function upload(socket: Socket, bytes: number, chunkBytes = 64 * 1024): Promise<void> {
  const chunk = Buffer.alloc(chunkBytes, 0x61);
  let left = bytes;
  while (left > 0) {
    const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
    left -= piece.length;
    if (!socket.write(piece)) {
      await new Promise<void>((resolve, reject) => {
        const onDrain = (): void => {
          socket.off('close', onClose);
          resolve();
        };
        const onClose = (): void => {
          socket.off('drain', onDrain);
          reject(new Error('tunnel closed during upload'));
        };
        socket.once('drain', onDrain);
        socket.once('close', onClose);
      });
    }
  }
}
