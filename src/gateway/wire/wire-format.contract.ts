import { expect, it } from 'vitest';
import { BulwarkError } from '../../core/errors.js';
import { SseParser } from '../sse.js';
import type { WireFormat } from './wire-format.js';

/** How one adapter's fixtures look: a request, a completed response and a stream in its wire format. */
export interface WireFixtures {
  readonly request: (content: string, extra?: Record<string, unknown>) => Record<string, unknown>;
  readonly completed: (text: string) => unknown;
  readonly stream: (pieces: readonly string[]) => string;
  /** User turns with placeholder assistant replies between them, from the end user `account`. */
  readonly conversation: (userTurns: readonly string[], account: string) => Record<string, unknown>;
  /** A body whose conversation field has the wrong shape (default: `messages` not an array). */
  readonly invalid?: () => Record<string, unknown>;
}

function events(sse: string) {
  const parser = new SseParser();
  return [...parser.push(sse), ...parser.end()];
}

/**
 * The contract every wire format passes (STYLE.md: one shared contract test per port). The proxy core
 * relies on exactly these behaviours and on nothing provider-specific.
 */
export function wireFormatContract(wire: WireFormat, fx: WireFixtures): void {
  it('reads the model, the stream flag and the conversation text, and keeps unknown fields out of its way', () => {
    const parsed = wire.parseRequest(fx.request('How do seeds sprout?', { stream: true, future_field: { a: 1 } }));
    expect(parsed.stream).toBe(true);
    expect(parsed.model).toBe('m-1');
    expect(parsed.conversation).toContain('How do seeds sprout?');
  });

  it('names the newest turn, the stable conversation seed, the turn count and the end user', () => {
    const first = wire.parseRequest(fx.request('First question about seeds.'));
    const later = wire.parseRequest(fx.conversation(['First question about seeds.', 'Second question about roots.'], 'user-7'));
    expect(later.latestTurn).toBe('Second question about roots.');
    expect(later.turns).toBe(2);
    expect(later.conversationSeed).toBe(first.conversationSeed);
    expect(later.conversationSeed).toContain('First question about seeds.');
    expect(later.account).toBe('user-7');
    expect(first.account).toBeNull();
    // Text only: nothing the guard cannot read.
    expect(first.unread).toEqual([]);
    expect(later.unread).toEqual([]);
  });

  it('rejects a body whose conversation is malformed as REQUEST_INVALID_BODY', () => {
    const body = fx.invalid?.() ?? { ...fx.request('x'), messages: 'nope' };
    expect(() => wire.parseRequest(body)).toThrow(BulwarkError);
    try {
      wire.parseRequest(body);
    } catch (error) {
      expect((error as BulwarkError).code).toBe('REQUEST_INVALID_BODY');
    }
  });

  it('reads the output of a completed response and refuses it without any of its text', () => {
    const completed = wire.readCompleted(fx.completed('Seeds need water and warmth.'));
    expect(completed.text).toContain('Seeds need water and warmth.');
    expect(JSON.stringify(completed.refused())).not.toContain('Seeds need');
    expect(() => wire.readCompleted({ unrelated: true })).toThrow();
  });

  it('finds every piece of streamed text, and splits a delta without touching anything else', () => {
    const codec = wire.openStream(wire.parseRequest(fx.request('hi', { stream: true })));
    const all = events(fx.stream(['Hello', ' world']));
    expect(all.map((e) => codec.textOf(e) ?? '').join('')).toBe('Hello world');
    const delta = all.find((e) => codec.textOf(e) === 'Hello')!;
    const part = codec.withText(delta, 'He')!;
    expect(codec.textOf(part)).toBe('He');
    expect(part.raw.replace('"He"', '"Hello"')).toBe(delta.raw);
    expect(codec.isTerminal(all.at(-1)!)).toBe(true);
    expect(() => codec.textOf({ event: delta.event, data: '{broken', raw: '' })).toThrow();
  });

  it('ends a halted stream with frames that parse as this format and carry no text', () => {
    const codec = wire.openStream(wire.parseRequest(fx.request('hi', { stream: true })));
    const frames = events(codec.haltFrames() + codec.errorFrames({ status: 502, code: 'GATEWAY_UPSTREAM_ERROR', message: 'x' }));
    expect(frames.length).toBeGreaterThan(0);
    for (const frame of frames) expect(codec.textOf(frame)).toBeNull();
  });

  it('words errors with the request id and the Bulwark code', () => {
    const body = JSON.stringify(wire.errorBody({ status: 401, code: 'AUTH_INVALID_KEY', message: 'bad key', requestId: 'req_1' }));
    expect(body).toContain('AUTH_INVALID_KEY');
    expect(body).toContain('authentication_error');
    expect(body).toContain('req_1');
  });
}
