import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createWebhookNotifier, type EgressAlert } from './events.js';

const alert: EgressAlert = {
  kind: 'anomaly',
  identity: 'trainer-1',
  destination: 'storage.example:443',
  message: 'upload 40x above the hourly baseline',
  details: { bytes: 4_000_000_000, window: '1h' },
  time: Date.UTC(2026, 10, 27),
};

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

async function receiver(status: number, bodies: unknown[]): Promise<string> {
  server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (chunk: Buffer) => parts.push(chunk));
    req.on('end', () => {
      bodies.push({ contentType: req.headers['content-type'], body: JSON.parse(Buffer.concat(parts).toString('utf8')) });
      res.statusCode = status;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts`;
}

describe('egress alert webhook', () => {
  it('POSTs the alert as JSON', async () => {
    const bodies: unknown[] = [];
    await createWebhookNotifier(await receiver(200, bodies)).notify(alert);
    expect(bodies).toEqual([{ contentType: 'application/json', body: alert }]);
  });

  it('rejects when the receiver does not answer 2xx, so the caller can report it', async () => {
    await expect(createWebhookNotifier(await receiver(500, [])).notify(alert)).rejects.toThrow(/HTTP 500/);
  });

  it('refuses a non-http URL at start-up with the setting named', () => {
    expect(() => createWebhookNotifier('ftp://example.com/hook')).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', problems: [expect.objectContaining({ path: 'egress.webhookUrl' })] }));
  });
});
