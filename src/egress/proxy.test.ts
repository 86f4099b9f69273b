import { createHash, randomBytes } from 'node:crypto';
import { createServer, request, type Server } from 'node:http';
import { connect, createServer as createNetServer } from 'node:net';
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

describe('egress proxy: tunnel integrity', () => {
  it('carries every upload byte in order to a slow reader, from the bytes sent right behind the CONNECT head on', async () => {
    // Upload reads land in one reused buffer: a chunk the kernel did not take at once must hold reading
    // back until it is flushed (or be copied), or later reads would overwrite it. A reader that stalls
    // every 256 KiB makes the proxy's writes queue.
    const store = await openMemoryStore();
    const receivedHash = createHash('sha256');
    let receivedBytes = 0;
    let finished: () => void = () => {};
    const allIn = new Promise<void>((resolve) => (finished = resolve));
    const expected = 8 * 1024 * 1024 + 123 + 36;
    const slow = createNetServer((socket) => {
      let sinceStall = 0;
      socket.on('data', (chunk: Buffer) => {
        receivedHash.update(chunk);
        receivedBytes += chunk.length;
        sinceStall += chunk.length;
        if (receivedBytes >= expected) finished();
        if (sinceStall >= 256 * 1024) {
          sinceStall = 0;
          socket.pause();
          setTimeout(() => socket.resume(), 5);
        }
      });
    });
    await new Promise<void>((r) => slow.listen(0, LOOPBACK, r));
    const slowPort = (slow.address() as { port: number }).port;
    const fixture = await startTestProxy(store, testConfig({ identities: { trainer: { allow: [`127.0.0.1:${slowPort}`], rate: '1TiB/s' } }, enclave: { rate: '1TiB/s' } }));
    try {
      const auth = basicAuth('trainer', (await createEgressTokenRepository(store.db, systemClock).create('trainer')).token);
      const early = Buffer.from('early bytes behind the CONNECT head;');
      const payload = randomBytes(expected - early.length);
      const socket = connect(fixture.proxy.port, LOOPBACK);
      socket.once('data', (answer: Buffer) => {
        expect(answer.toString('latin1')).toMatch(/^HTTP\/1\.1 200 /);
        socket.write(payload);
      });
      socket.write(Buffer.concat([Buffer.from(`CONNECT 127.0.0.1:${slowPort} HTTP/1.1\r\nProxy-Authorization: ${auth}\r\n\r\n`), early]));
      await allIn;
      socket.destroy();
      expect(receivedBytes).toBe(expected);
      expect(receivedHash.digest('hex')).toBe(createHash('sha256').update(early).update(payload).digest('hex'));
    } finally {
      await fixture.close();
      await new Promise((r) => slow.close(r));
      await store.close();
    }
  });
});
