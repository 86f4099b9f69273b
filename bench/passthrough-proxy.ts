// The platform's ceiling for the gateway benchmark: a minimal pass-through proxy (Node http + one
// undici Pool), no auth, no guard, no logging. It buffers the request body, as the gateway must before
// classifying it, and streams the response back.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream/promises';
import { Pool } from 'undici';

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'host', 'content-length', 'te', 'trailer', 'upgrade']);

function forwardable(headers: IncomingMessage['headers'] | Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

export async function startPassthroughProxy(upstreamUrl: string): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const pool = new Pool(upstreamUrl, { connections: 128 });
  const server = createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const upstream = await pool.request({ method: 'POST', path: req.url ?? '/', headers: forwardable(req.headers), body: Buffer.concat(chunks) });
      res.writeHead(upstream.statusCode, forwardable(upstream.headers));
      await pipeline(upstream.body, res);
    })().catch(() => res.destroy());
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pool.close();
    },
  };
}
