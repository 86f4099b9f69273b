import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Record<string, unknown>;
  /** Date.now() when the whole body had arrived. */
  readonly receivedAt: number;
}

/**
 * A webhook receiver (Slack incoming webhook, a pager, any JSON endpoint): a real HTTP server that
 * records every JSON POST and answers 200, or `status` when a test wants a failing receiver.
 */
export class WebhookSink {
  readonly received: ReceivedWebhook[] = [];
  status = 200;
  url = '';
  private server: Server | null = null;
  private waiters: (() => void)[] = [];

  async start(path = '/hook'): Promise<string> {
    const server = createServer((req, res) => {
      const parts: Buffer[] = [];
      req.on('data', (chunk: Buffer) => parts.push(chunk));
      req.on('end', () => {
        this.received.push({
          path: req.url ?? '',
          headers: req.headers,
          body: JSON.parse(Buffer.concat(parts).toString('utf8')) as Record<string, unknown>,
          receivedAt: Date.now(),
        });
        res.statusCode = this.status;
        res.end('ok');
        for (const wake of this.waiters.splice(0)) wake();
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
    return this.url;
  }

  /** The first delivery matching `match`, waiting up to `timeoutMs` for it; null if none came. */
  async waitFor(match: (hook: ReceivedWebhook) => boolean, timeoutMs: number): Promise<ReceivedWebhook | null> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.find(match);
      if (found !== undefined) return found;
      const left = deadline - Date.now();
      if (left <= 0) return null;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server === null) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}
