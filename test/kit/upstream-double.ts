import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The request fields the doubles read; everything else is kept for assertions. */
export type RequestJson = {
  readonly model?: string;
  readonly stream?: boolean;
  readonly stream_options?: { readonly include_usage?: boolean };
  readonly [field: string]: unknown;
} | null;

/** What the double received, so tests can check what the gateway forwarded. */
export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly raw: Buffer;
  readonly json: RequestJson;
}

/** One scripted answer: status, headers, and the body as the exact byte chunks to write. */
export interface ScriptedResponse {
  readonly status?: number;
  readonly headers?: Record<string, string>;
  readonly chunks: readonly (Buffer | string)[];
  /** Pause between chunks, so each arrives as its own read on the other side. */
  readonly gapMs?: number;
  /** Destroy the socket after the chunks instead of ending the response: a stream closed mid-way. */
  readonly cut?: boolean;
}

export type Responder = (request: RecordedRequest) => ScriptedResponse;

/** Cuts a body into chunks at the given byte offsets (ascending), or into pieces of `size` bytes. */
export function splitBytes(body: string | Buffer, at: number | readonly number[]): Buffer[] {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  const cuts = typeof at === 'number' ? Array.from({ length: Math.ceil(bytes.length / at) - 1 }, (_, i) => (i + 1) * at) : at;
  const out: Buffer[] = [];
  let start = 0;
  for (const cut of [...cuts, bytes.length]) {
    if (cut > start) out.push(bytes.subarray(start, cut));
    start = Math.max(start, cut);
  }
  return out;
}

/**
 * A provider API double on a real local socket. Tests set `respond` per case; every request is
 * recorded. It speaks plain HTTP/1.1 with keep-alive, like the real APIs behind TLS.
 */
/** How a scripted stream is delivered: cut short, split at byte offsets, paced between chunks. */
export interface StreamShaping {
  /** Byte chunking of the SSE body: a chunk size, or explicit offsets. */
  readonly split?: number | readonly number[];
  readonly gapMs?: number;
  /** End the stream after this many SSE bytes by closing the socket. */
  readonly cutAfterBytes?: number;
}

/** An SSE body as a provider sends it, shaped per the script (shared by both wire-format doubles). */
export function shapedSseResponse(headers: Record<string, string>, body: string, shaping: StreamShaping): ScriptedResponse {
  let sse = Buffer.from(body);
  if (shaping.cutAfterBytes !== undefined) sse = sse.subarray(0, shaping.cutAfterBytes);
  return {
    headers: { ...headers, 'content-type': 'text/event-stream; charset=utf-8' },
    chunks: shaping.split === undefined ? [sse] : splitBytes(sse, shaping.split),
    ...(shaping.gapMs !== undefined ? { gapMs: shaping.gapMs } : {}),
    ...(shaping.cutAfterBytes !== undefined ? { cut: true } : {}),
  };
}

export class UpstreamDouble {
  readonly requests: RecordedRequest[] = [];
  respond: Responder;
  private constructor(
    private readonly server: Server,
    readonly url: string,
    responder: Responder,
  ) {
    this.respond = responder;
  }

  static async start(responder: Responder): Promise<UpstreamDouble> {
    const holder: { double?: UpstreamDouble } = {};
    const server = createServer((req, res) => {
      const parts: Buffer[] = [];
      req.on('data', (chunk: Buffer) => parts.push(chunk));
      req.on('end', () => {
        const raw = Buffer.concat(parts);
        let json: RequestJson = null;
        try {
          json = JSON.parse(raw.toString('utf8')) as RequestJson;
        } catch {
          json = null;
        }
        const recorded: RecordedRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, raw, json };
        holder.double!.requests.push(recorded);
        void writeScripted(res, holder.double!.respond(recorded));
      });
    });
    server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    holder.double = new UpstreamDouble(server, `http://127.0.0.1:${port}`, responder);
    return holder.double;
  }

  get last(): RecordedRequest {
    const last = this.requests.at(-1);
    if (!last) throw new Error('the upstream double received no request');
    return last;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

async function writeScripted(res: ServerResponse, script: ScriptedResponse): Promise<void> {
  res.writeHead(script.status ?? 200, script.headers ?? {});
  for (const chunk of script.chunks) {
    if (res.destroyed) return;
    // Waiting for the flush when a cut follows: destroying a socket discards what is still buffered.
    await new Promise<void>((resolve) => (script.cut ? res.write(chunk, () => resolve()) : (res.write(chunk), resolve())));
    if (script.gapMs !== undefined) await new Promise((resolve) => setTimeout(resolve, script.gapMs));
  }
  if (script.cut) setTimeout(() => res.socket?.destroy(), 20);
  else res.end();
}
