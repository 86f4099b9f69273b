import { createHash, randomBytes } from 'node:crypto';
import { createServer, request, type Server } from 'node:http';
import { connect, createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../core/clock.js';
import type { Store } from '../store/index.js';
import { createEgressTokenRepository } from './token-repository.js';
import { basicAuth, connectThrough, LOOPBACK, rawRequest, startEcho } from './testing/loopback.js';
import { openMemoryStore, startTestProxy, testConfig, type ProxyFixture } from './testing/proxy-fixture.js';

describe('egress proxy: authentication, allowlist, malformed input', () => {
  let store: Store;
  let fixture: ProxyFixture;
  let echo: { port: number; close(): Promise<void> };
  let origin: Server;
  let originPort = 0;
  let auth = '';

  beforeAll(async () => {
    store = await openMemoryStore();
    echo = await startEcho();
    origin = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => res.end(`origin saw ${req.method} ${req.url} ${body} auth=${req.headers['proxy-authorization'] ?? 'none'}`));
    });
    await new Promise<void>((r) => origin.listen(0, LOOPBACK, r));
    originPort = (origin.address() as { port: number }).port;
    const config = testConfig({ identities: { trainer: { allow: [`127.0.0.1:${echo.port}`, `127.0.0.1:${originPort}`], rate: '50MiB/s' } } });
    fixture = await startTestProxy(store, config);
    const created = await createEgressTokenRepository(store.db, systemClock).create('trainer');
    auth = basicAuth('trainer', created.token);
  });

  afterAll(async () => {
    await fixture.close();
    await echo.close();
    await new Promise((r) => origin.close(r));
    await store.close();
  });

  it('refuses a CONNECT without credentials with 407 and Proxy-Authenticate', async () => {
    const attempt = await connectThrough(fixture.proxy.port, `127.0.0.1:${echo.port}`);
    expect(attempt.status).toBe(407);
    expect(attempt.response).toMatch(/Proxy-Authenticate: Basic/i);
    expect(attempt.response).toContain('EGRESS_PROXY_AUTH_REQUIRED');
  });

  it('refuses a wrong token or a token of another identity with 407, and audits it', async () => {
    const wrong = await connectThrough(fixture.proxy.port, `127.0.0.1:${echo.port}`, basicAuth('trainer', 'bwe_nope'));
    expect(wrong.status).toBe(407);
    const token = Buffer.from(auth.slice(6), 'base64').toString().split(':')[1]!;
    const other = await connectThrough(fixture.proxy.port, `127.0.0.1:${echo.port}`, basicAuth('someone', token));
    expect(other.status).toBe(407);
    expect(fixture.events.some((e) => e.type === 'egress.block')).toBe(true);
  });

  it('refuses a destination off the allowlist with 403 and a one-line reason', async () => {
    const attempt = await connectThrough(fixture.proxy.port, '127.0.0.1:1', auth);
    expect(attempt.status).toBe(403);
    expect(attempt.response).toContain('EGRESS_DESTINATION_DENIED');
    expect(attempt.response).toContain('127.0.0.1:1 is not on the egress allowlist of identity \\"trainer\\"');
    expect(fixture.events.at(-1)).toMatchObject({ type: 'egress.block', actor: 'trainer', subject: '127.0.0.1:1' });
  });

  it('tunnels CONNECT to a local echo server', async () => {
    const attempt = await connectThrough(fixture.proxy.port, `127.0.0.1:${echo.port}`, auth);
    expect(attempt.status).toBe(200);
    const echoed = new Promise<string>((resolve) => attempt.socket.once('data', (c: Buffer) => resolve(c.toString())));
    attempt.socket.write('ping through the tunnel');
    expect(await echoed).toBe('ping through the tunnel');
    attempt.socket.destroy();
  });

  it('forwards an absolute-URI HTTP request without the proxy credential', async () => {
    const text = await new Promise<string>((resolve, reject) => {
      const req = request({ host: LOOPBACK, port: fixture.proxy.port, method: 'POST', path: `http://127.0.0.1:${originPort}/x?y=1`, headers: { 'proxy-authorization': auth } }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve(`${res.statusCode} ${body}`));
      });
      req.once('error', reject);
      req.end('hello');
    });
    expect(text).toBe('200 origin saw POST /x?y=1 hello auth=none');
  });

  it.each([
    ['a garbage request line', 'GARBAGE\r\n\r\n', 400],
    ['huge headers', `GET http://127.0.0.1/ HTTP/1.1\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`, 431],
    ['CONNECT to port 0', 'CONNECT 127.0.0.1:0 HTTP/1.1\r\n\r\n', 400],
    ['CONNECT to port 70000', 'CONNECT 127.0.0.1:70000 HTTP/1.1\r\n\r\n', 400],
    ['an origin-form request', 'GET /local HTTP/1.1\r\nHost: x\r\n\r\n', 400],
  ])('answers %s with a 4xx and keeps serving', async (_name, raw, status) => {
    const attempt = await rawRequest(fixture.proxy.port, raw);
    expect(attempt.status).toBe(status);
    attempt.socket.destroy();
    const after = await connectThrough(fixture.proxy.port, `127.0.0.1:${echo.port}`, auth);
    expect(after.status).toBe(200);
    after.socket.destroy();
  });
});

/**
 * Reads `socket` the way a slow peer does, stalling 5 ms every 256 KiB so the proxy's writes queue,
 * and resolves with the SHA-256 of the first `bytes` bytes once they are in (after the proxy's
 * response head, when `afterHead`).
 */
function readStalling(socket: Socket, bytes: number, afterHead = false): Promise<string> {
  const hash = createHash('sha256');
  let head = afterHead ? '' : null;
  let received = 0;
  let sinceStall = 0;
  return new Promise((resolve) => {
    socket.on('data', (data: Buffer) => {
      let chunk = data;
      if (head !== null) {
        head += chunk.toString('latin1');
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) return;
        if (!head.startsWith('HTTP/1.1 200 ')) resolve(`refused: ${head.slice(0, 40)}`);
        chunk = Buffer.from(head.slice(end + 4), 'latin1');
        head = null;
      }
      hash.update(chunk);
      received += chunk.length;
      sinceStall += chunk.length;
      if (received >= bytes) resolve(received === bytes ? hash.digest('hex') : `${received} bytes, not ${bytes}`);
      if (sinceStall >= 256 * 1024) {
        sinceStall = 0;
        socket.pause();
        setTimeout(() => socket.resume(), 5);
      }
    });
  });
}

const sha256 = (...parts: Buffer[]): string => parts.reduce((h, p) => h.update(p), createHash('sha256')).digest('hex');

// Tunnel reads land in one reused buffer per end: a chunk the kernel did not take at once must hold
// reading back until it is flushed (or be copied), or the next read would overwrite it.
describe('egress proxy: tunnel integrity', () => {
  const BYTES = 8 * 1024 * 1024 + 123;
  let store: Store;
  let auth = '';
  let peer: NetServer;
  let onPeer: (socket: Socket) => void = () => {};
  let fixture: ProxyFixture;

  beforeAll(async () => {
    store = await openMemoryStore();
    peer = createNetServer((socket) => onPeer(socket));
    await new Promise<void>((r) => peer.listen(0, LOOPBACK, r));
    const port = (peer.address() as { port: number }).port;
    fixture = await startTestProxy(store, testConfig({ identities: { trainer: { allow: [`127.0.0.1:${port}`], rate: '1TiB/s' } }, enclave: { rate: '1TiB/s' } }));
    auth = basicAuth('trainer', (await createEgressTokenRepository(store.db, systemClock).create('trainer')).token);
  });

  afterAll(async () => {
    await fixture.close();
    await new Promise((r) => peer.close(r));
    await store.close();
  });

  function openTunnel(early: Buffer): Socket {
    const { port } = peer.address() as { port: number };
    const socket = connect(fixture.proxy.port, LOOPBACK);
    socket.write(Buffer.concat([Buffer.from(`CONNECT 127.0.0.1:${port} HTTP/1.1\r\nProxy-Authorization: ${auth}\r\n\r\n`), early]));
    return socket;
  }

  it('carries every upload byte in order to a slow destination, from the bytes sent right behind the CONNECT head on', async () => {
    const early = Buffer.from('early bytes behind the CONNECT head;');
    const payload = randomBytes(BYTES);
    const arrived = new Promise<string>((resolve) => (onPeer = (s) => void readStalling(s, early.length + BYTES).then(resolve)));
    const socket = openTunnel(early);
    socket.once('data', (answer: Buffer) => {
      expect(answer.toString('latin1')).toMatch(/^HTTP\/1\.1 200 /);
      socket.write(payload);
    });
    expect(await arrived).toBe(sha256(early, payload));
    socket.destroy();
  });

  it('carries every download byte in order to a slow client', async () => {
    const payload = randomBytes(BYTES);
    onPeer = (s) => void s.write(payload);
    const socket = openTunnel(Buffer.alloc(0));
    expect(await readStalling(socket, BYTES, true)).toBe(sha256(payload));
    socket.destroy();
  });
});
