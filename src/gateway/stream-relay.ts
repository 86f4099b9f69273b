import type { Dispatcher } from 'undici';
import { BulwarkError, isBulwarkError } from '../core/errors.js';
import { ERROR_CATALOG } from '../core/error-codes.js';
import type { GuardVerdict } from '../guard/guard.js';
import { SseParser, type SseEvent } from './sse.js';
import type { GatewayLogger } from './proxy.js';
import type { StreamGuard } from './stream-guard.js';
import { signalAborted, toUpstreamError } from './upstream.js';
import type { StreamCodec, WireError } from './wire/wire-format.js';

export type StreamOutcome = 'allowed' | 'blocked_output' | 'upstream_error' | 'client_abort' | 'store_error';

export interface RelayHooks {
  /** Writes the stream's output decision; awaited before the client sees its effect. */
  record(verdict: GuardVerdict): Promise<void>;
  finished(outcome: StreamOutcome): void;
  readonly log: GatewayLogger;
}

interface Batch {
  readonly frames: string;
  readonly halted: GuardVerdict | null;
  readonly terminal: boolean;
  readonly error: unknown;
}

const CUT_SHORT: WireError = { status: 502, code: 'GATEWAY_UPSTREAM_INVALID', message: 'the upstream closed the stream before it finished' };

/**
 * Pipes one upstream event stream through the stream guard to the client, as SSE text. Every way a
 * stream can end is handled here and ends the client's stream in the wire format: complete, halted
 * by the guard, upstream failure or garbage (held text is checked once more, then an error event),
 * or the client leaving (the upstream request is cancelled through the caller's signal). Every ending
 * after a check records the stream's output decision.
 */
export async function* relayStream(
  body: Dispatcher.ResponseData['body'],
  guard: StreamGuard,
  codec: StreamCodec,
  hooks: RelayHooks,
): AsyncGenerator<string, void, undefined> {
  let outcome: StreamOutcome = 'client_abort';
  try {
    let failure: WireError | null = CUT_SHORT;
    for await (const events of upstreamEvents(body)) {
      const batch = await pushAll(guard, codec, events);
      if (batch.frames.length > 0) yield batch.frames;
      if (batch.halted) {
        outcome = 'blocked_output';
        yield await halt(codec, hooks, batch.halted);
        return;
      }
      if (batch.error !== null) {
        if (signalAborted(batch.error)) return;
        failure = describeFailure(batch.error, hooks.log);
        break;
      }
      if (batch.terminal) {
        failure = null;
        break;
      }
    }
    const last = await guard.finish();
    if (last.halted) {
      outcome = 'blocked_output';
      yield await halt(codec, hooks, last.halted);
      return;
    }
    if (!(await recorded(hooks, guard.lastVerdict!))) {
      outcome = 'store_error';
      yield codec.errorFrames({ status: 503, code: 'STORE_UNAVAILABLE', message: ERROR_CATALOG.STORE_UNAVAILABLE.summary });
      return;
    }
    outcome = failure === null ? 'allowed' : 'upstream_error';
    yield last.frames + (failure === null ? '' : codec.errorFrames(failure));
  } finally {
    if (!body.destroyed) body.destroy();
    // The client left: what it was sent passed the latest check, and that decision is recorded too.
    if (outcome === 'client_abort' && guard.lastVerdict !== null) await recorded(hooks, guard.lastVerdict);
    hooks.finished(outcome);
  }
}

/** Parsed events per upstream chunk; a failure ends the sequence as a final error batch. */
async function* upstreamEvents(body: Dispatcher.ResponseData['body']): AsyncGenerator<SseEvent[] | Error, void, undefined> {
  const parser = new SseParser();
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) yield parseChunk(parser, chunk);
    yield parseChunk(parser, null);
  } catch (error) {
    const mapped = toUpstreamError(error);
    yield mapped instanceof Error ? mapped : new Error('upstream stream failed');
  }
}

function parseChunk(parser: SseParser, chunk: Buffer | null): SseEvent[] | Error {
  try {
    return chunk === null ? parser.end() : parser.push(chunk);
  } catch (error) {
    return invalidStream(error);
  }
}

function invalidStream(cause: unknown): BulwarkError {
  return new BulwarkError('GATEWAY_UPSTREAM_INVALID', ERROR_CATALOG.GATEWAY_UPSTREAM_INVALID.summary, { cause });
}

async function pushAll(guard: StreamGuard, codec: StreamCodec, events: SseEvent[] | Error): Promise<Batch> {
  if (events instanceof Error) return { frames: '', halted: null, terminal: false, error: events };
  let frames = '';
  try {
    for (const event of events) {
      const step = await guard.push(event);
      frames += step.frames;
      if (step.halted) return { frames, halted: step.halted, terminal: false, error: null };
      if (codec.isTerminal(event)) return { frames, halted: null, terminal: true, error: null };
    }
  } catch (error) {
    // Frames already released by the guard still go out; the bad event and what follows do not.
    return { frames, halted: null, terminal: false, error: invalidStream(error) };
  }
  return { frames, halted: null, terminal: false, error: null };
}

/** The refusal ending. It is sent even if the decision could not be written: stopping is always safe. */
async function halt(codec: StreamCodec, hooks: RelayHooks, verdict: GuardVerdict): Promise<string> {
  await recorded(hooks, verdict);
  return codec.haltFrames();
}

async function recorded(hooks: RelayHooks, verdict: GuardVerdict): Promise<boolean> {
  try {
    await hooks.record(verdict);
    return true;
  } catch (error) {
    hooks.log.error({ err: error }, 'could not record the stream output decision');
    return false;
  }
}

function describeFailure(error: unknown, log: GatewayLogger): WireError {
  const known = isBulwarkError(error) ? error : invalidStream(error);
  log.warn({ code: known.code, err: known.cause }, 'upstream stream failed');
  return { status: known.status, code: known.code, message: ERROR_CATALOG[known.code].summary };
}
