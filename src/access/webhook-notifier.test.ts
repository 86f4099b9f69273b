import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccessNotification } from './ports.js';
import { createWebhookNotifier } from './webhook-notifier.js';

const notification: AccessNotification = {
  kind: 'access.break_glass',
  audience: 'admins',
  requestId: 'brk_01',
  artifactId: 'llama-ckpt-7',
  requesterName: 'alice',
  requesterKeyId: 'ab'.repeat(32),
  reason: 'prod outage',
  time: Date.UTC(2025, 0, 1),
  text: 'Bulwark BREAK-GLASS: alice took read access to llama-ckpt-7',
};

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

async function listen(handler: (req: IncomingMessage, res: ServerResponse, body: string) => void): Promise<string> {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => handler(req, res, body));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
}

describe('webhook notifier', () => {
  it('posts generic JSON with a Slack-compatible text field and no key material', async () => {
    let received: Record<string, unknown> = {};
    let contentType: string | undefined;
    const url = await listen((req, res, body) => {
      contentType = req.headers['content-type'];
      received = JSON.parse(body) as Record<string, unknown>;
      res.end('ok');
    });
    await createWebhookNotifier({ url }).notify(notification);
    expect(contentType).toBe('application/json');
    expect(received).toMatchObject({ text: notification.text, event: 'access.break_glass', request_id: 'brk_01', requester: 'alice' });
    expect(received.requester_key_id).toBe('ab'.repeat(8));
    expect(JSON.stringify(received)).not.toMatch(/signature|private|BEGIN/i);
  });

  it('throws on a non-2xx answer and on a receiver that hangs past the timeout', async () => {
    const failing = await listen((_req, res) => {
      res.statusCode = 500;
      res.end();
    });
    await expect(createWebhookNotifier({ url: failing }).notify(notification)).rejects.toThrow(/HTTP 500/);
    await new Promise((resolve) => server?.close(resolve));
    const hanging = await listen(() => undefined);
    await expect(createWebhookNotifier({ url: hanging, timeoutMs: 200 }).notify(notification)).rejects.toThrow();
    server?.closeAllConnections();
  });

  it('refuses a non-http URL at construction', () => {
    expect(() => createWebhookNotifier({ url: 'file:///etc/passwd' })).toThrow(/http/);
  });
});
