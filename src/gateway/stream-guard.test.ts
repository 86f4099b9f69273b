import { Readable } from 'node:stream';
import fc from 'fast-check';
import type { Dispatcher } from 'undici';
import { describe, expect, it } from 'vitest';
import { anthropicStream } from '../../test/kit/upstream-anthropic.js';
import { splitBytes } from '../../test/kit/upstream-double.js';
import { CANARY, policyGuard } from '../../test/kit/gateway-harness.js';
import { openAiStream, tokenize } from '../../test/kit/upstream-openai.js';
import { responsesStream } from '../../test/kit/upstream-openai-responses.js';
import type { Guard } from '../guard/guard.js';
import { conversationTail, exchangeText, resolveHoldbackChars } from './output-check.js';
import { SseParser, type SseEvent } from './sse.js';
import { StreamGuard, type StreamGuardSettings } from './stream-guard.js';
import { relayStream, type StreamOutcome } from './stream-relay.js';
import { anthropicWire } from './wire/anthropic.js';
import { openAiWire } from './wire/openai.js';
import { openAiResponsesWire } from './wire/openai-responses.js';
import type { WireFormat } from './wire/wire-format.js';

const guard = policyGuard();
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

interface Case {
  readonly wire: WireFormat;
  /** The upstream's SSE body for an answer cut into these deltas. */
  readonly upstream: (pieces: readonly string[]) => string;
  /** Says whether the client's stream ended with the wire format's refusal. */
  readonly endsWithRefusal: (client: string) => boolean;
}

const request = { model: 'm', conversation: 'Tell me about gardens.', stream: true, latestTurn: 'Tell me about gardens.', conversationSeed: 'Tell me about gardens.', turns: 1, account: null, unread: [] };
const CASES: Case[] = [
  {
    wire: openAiWire,
    upstream: (pieces) => openAiStream({ model: 'm' }, pieces),
    endsWithRefusal: (client) => /"finish_reason":"content_filter"[^\n]*\n\ndata: \[DONE\]\n\n$/.test(client),
  },
  {
    wire: openAiResponsesWire,
    upstream: (pieces) => responsesStream({ model: 'm' }, pieces),
    endsWithRefusal: (client) => /event: response\.incomplete\ndata: [^\n]*"incomplete_details":\{"reason":"content_filter"\}[^\n]*\n\n$/.test(client),
  },
  {
    wire: anthropicWire,
    upstream: (pieces) => anthropicStream({ model: 'm' }, pieces),
    endsWithRefusal: (client) =>
      /event: content_block_stop\n.*\n\nevent: message_delta\ndata: .*"stop_reason":"refusal".*\n\nevent: message_stop\ndata: \{"type":"message_stop"\}\n\n$/.test(client),
  },
];

function settings(g: Guard, overrides: Partial<StreamGuardSettings> = {}): StreamGuardSettings {
  return { holdbackChars: resolveHoldbackChars({ longestRuleChars: g.rules.longestOutputMatchChars, classifierOverlapChars: 0 }), rescoreEveryChars: 16, checkWindowChars: 2000, ...overrides };
}

/** A letter's mathematical bold look-alike (4 UTF-8 bytes; the normalizer folds it back); anything else as is. */
function lookalike(ch: string): string {
  return /[A-Z]/.test(ch) ? String.fromCodePoint(0x1d400 + ch.charCodeAt(0) - 65) : ch;
}

function hexBytes(text: string, byte: (hex: string) => string): string {
  return [...Buffer.from(text)].map((b) => byte(b.toString(16).padStart(2, '0'))).join('');
}

/** Runs upstream bytes, chunked as given, through the relay; returns what the client received. */
async function relay(c: Case, chunks: readonly Buffer[], s: StreamGuardSettings = settings(guard)): Promise<{ client: string; outcome: StreamOutcome; text: string }> {
  const codec = c.wire.openStream(request);
  const context = conversationTail(request.conversation, 1000);
  const streamGuard = new StreamGuard(codec, async (output) => guard.evaluate(exchangeText(context, output)), s);
  let outcome: StreamOutcome = 'client_abort';
  const body = Readable.from(chunks) as unknown as Dispatcher.ResponseData['body'];
  let client = '';
  for await (const frames of relayStream(body, streamGuard, codec, { record: async () => undefined, finished: (o) => (outcome = o), log: silent })) client += frames;
  return { client, outcome, text: clientText(c.wire, client) };
}

/** The model text in the client's stream, read back with the same wire format. */
function clientText(wire: WireFormat, client: string): string {
  const reader = wire.openStream(request);
  const parser = new SseParser();
  return [...parser.push(client), ...parser.end()].map((event) => reader.textOf(unnumbered(event)) ?? '').join('');
}

/**
 * The event without a Responses `sequence_number`. The stream guard releases part of a delta as an event
 * of its own with the original's number, and the codec counts one delta per number (it is written to read
 * the upstream, which numbers every event), so read back as is the parts after the first would be missed.
 */
function unnumbered(event: SseEvent): SseEvent {
  if (!event.data.includes('"sequence_number"')) return event;
  const json = JSON.parse(event.data) as Record<string, unknown>;
  delete json.sequence_number;
  return { ...event, data: JSON.stringify(json) };
}

const BENIGN = 'Plant tomatoes after the last frost, water them deeply twice a week, and stake them early.';
/** About 3,200 characters of benign notes, so that an encoded answer is far longer than the hold-back and a check's window. */
const NOTES = 'The garden notes say to water the tomatoes deeply and often in summer. '.repeat(45);
const b64 = (text: string) => Buffer.from(text).toString('base64');

describe.each(CASES)('stream guard over $wire.id', (c) => {
  it('passes an allowed stream through complete and unchanged, split at every byte boundary', async () => {
    const bytes = Buffer.from(c.upstream(tokenize(BENIGN, 9)));
    for (let i = 0; i <= bytes.length; i += 1) {
      const { client, outcome, text } = await relay(c, splitBytes(bytes, [i]));
      expect(outcome).toBe('allowed');
      expect(text).toBe(BENIGN);
      expect(shape(c.wire, client)).toEqual(shape(c.wire, bytes.toString()));
    }
  });

  it('passes a long encoded answer through complete and unchanged once it ends', async () => {
    const answer = `Here is the file: ${b64(NOTES)} and its hex: ${Buffer.from(NOTES.slice(0, 600)).toString('hex').replace(/../g, '$& ')}done.`;
    const bytes = Buffer.from(c.upstream(tokenize(answer, 5)));
    const { client, outcome, text } = await relay(c, [bytes], settings(guard, { rescoreEveryChars: 8 }));
    expect(outcome).toBe('allowed');
    expect(text).toBe(answer);
    expect(shape(c.wire, client)).toEqual(shape(c.wire, bytes.toString()));
  });

  it('never releases a byte of a canary, whatever the byte split, and ends with the refusal', async () => {
    // Checked after every delta, so any hold-back shortfall would show as a released canary byte.
    const eager = settings(guard, { rescoreEveryChars: 1 });
    // Longer than the hold-back before the canary, so text is released before the canary arrives.
    const answer = `${BENIGN} ${BENIGN} ${CANARY} more.`;
    const at = answer.indexOf(CANARY);
    const bytes = Buffer.from(c.upstream(tokenize(answer, 3)));
    for (let i = 0; i <= bytes.length; i += 1) {
      const { client, outcome, text } = await relay(c, splitBytes(bytes, [i]), eager);
      expect(outcome).toBe('blocked_output');
      expect(text.length).toBeLessThanOrEqual(at);
      expect(answer.startsWith(text)).toBe(true);
      expect(c.endsWithRefusal(client)).toBe(true);
    }
    const oneByte = await relay(c, splitBytes(bytes, 1), eager);
    expect(oneByte.text.length).toBeGreaterThan(0);
    expect(oneByte.text.length).toBeLessThanOrEqual(at);
    expect(c.endsWithRefusal(oneByte.client)).toBe(true);
  });

  it('holds back an encoded canary too (percent-encoding triples its length)', async () => {
    const encoded = [...CANARY].map((ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`).join('');
    const answer = `${BENIGN}${encoded} trailing words`;
    const { text, outcome } = await relay(c, [Buffer.from(c.upstream(tokenize(answer, 1)))]);
    expect(outcome).toBe('blocked_output');
    expect(text.length).toBeLessThanOrEqual(answer.indexOf(encoded));
  });

  it.each([
    ['HTML references', (ch: string) => `&#${ch.charCodeAt(0)};`],
    ['\\u escapes', (ch: string) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`],
    ['\\U escapes (the widest form)', (ch: string) => `\\U${ch.charCodeAt(0).toString(16).padStart(8, '0')}`],
    ['0x-prefixed hex', (ch: string) => `0x${ch.charCodeAt(0).toString(16)} `],
    ['0x-prefixed hex of 4-byte look-alikes', (ch: string) => hexBytes(lookalike(ch), (h) => `0x${h} `)],
    ['percent-encoded 4-byte look-alikes', (ch: string) => hexBytes(lookalike(ch), (h) => `%${h.toUpperCase()}`)],
    ['spaced hex of 4-byte look-alikes (the widest counted form)', (ch: string) => hexBytes(lookalike(ch), (h) => `${h} `)],
  ])('holds back a canary written in %s', async (_name, encode) => {
    const encoded = [...CANARY].map(encode).join('');
    const answer = `${BENIGN} ${BENIGN} ${encoded} trailing words`;
    const { text, outcome } = await relay(c, [Buffer.from(c.upstream(tokenize(answer, 1)))], settings(guard, { rescoreEveryChars: 1 }));
    expect(outcome).toBe('blocked_output');
    expect(text.length).toBeGreaterThan(0);
    expect(text.length).toBeLessThanOrEqual(answer.indexOf(encoded));
  });

  it.each([
    // A check's window starts anywhere in a long run; decoding from the wrong offset into its groups gave noise.
    ['at the end of a long base64 answer', (canary: string) => b64(`${NOTES}${canary} end of the notes.`)],
    ['in a long answer of unseparated hex', (canary: string) => Buffer.from(`${NOTES}${canary} end`).toString('hex')],
    ['as base64 of spaced hex (two layers within the twelve-times bound)', (canary: string) => b64(hexBytes(`${canary} end`, (h) => `${h} `))],
    ['in a long base64 answer of spaced hex', (canary: string) => b64(hexBytes(`${NOTES.slice(0, 900)}${canary} end`, (h) => `${h} `))],
    // Layers whose widths multiply past twelve per letter: held whole until the run ends (encoded-run.ts).
    ['as base64 of spaced hex of 4-byte look-alikes (16 per letter)', (canary: string) => b64(hexBytes([...canary].map(lookalike).join(''), (h) => `${h} `))],
    ['as spaced hex of base64 of 4-byte look-alikes (16 per letter)', (canary: string) => hexBytes(b64([...canary].map(lookalike).join('')), (h) => `${h} `)],
    ['as percent-encoding of base64 of spaced hex of look-alikes', (canary: string) => hexBytes(b64(hexBytes([...canary].map(lookalike).join(''), (h) => `${h} `)), (h) => `%${h}`)],
  ])('never releases a byte of a canary written %s', async (_name, encode) => {
    const encoded = encode(CANARY);
    // Where the canary's own encoding starts: the first character that differs from the same answer without it.
    const without = encode('ABCDEFGHIJKL');
    let at = 0;
    while (encoded[at] === without[at]) at += 1;
    const answer = `${BENIGN} ${encoded} trailing words`;
    for (const [tokenSize, rescore] of [[4, 16], [7, 1], [3, 128]] as const) {
      const { text, outcome } = await relay(c, [Buffer.from(c.upstream(tokenize(answer, tokenSize)))], settings(guard, { rescoreEveryChars: rescore }));
      expect(outcome).toBe('blocked_output');
      expect(text.length).toBeLessThanOrEqual(BENIGN.length + 1 + at);
    }
  });

  it.each([
    ['zero-width spaces', '\u200b'],
    ['word joiners and soft hyphens', '\u2060\u00ad'],
    ['combining marks', '\u0336\u0301'],
    ['control characters', '\x00\x7f'],
    ['references to zero-width spaces', '&#8203;'],
    ['escaped zero-width spaces', '\\u200b'],
  ])('holds back a canary padded with %s far beyond the hold-back', async (_name, pad) => {
    const padded = Array.from(CANARY).join(pad.repeat(150));
    expect(padded.length).toBeGreaterThan(settings(guard).holdbackChars * 5);
    const answer = `${BENIGN} ${BENIGN} ${padded} trailing words`;
    const { text, outcome } = await relay(c, [Buffer.from(c.upstream(tokenize(answer, 7)))], settings(guard, { rescoreEveryChars: 1 }));
    expect(outcome).toBe('blocked_output');
    expect(text.length).toBeGreaterThan(0);
    expect(text.length).toBeLessThanOrEqual(answer.indexOf(padded));
  });

  it.each([
    ['empty bold tags', '<b></b>'],
    ['spans with long attributes', `<span class="${'c'.repeat(200)}"></span>`],
  ])('holds back a canary whose letters are split by %s far beyond the hold-back', async (_name, tags) => {
    const split = [...CANARY].map((ch, i, all) => (i > 0 && /[A-Z]/.test(ch) && /[A-Z]/.test(all[i - 1]!) ? tags.repeat(3) + ch : ch)).join('');
    expect(split.length).toBeGreaterThan(settings(guard).holdbackChars);
    const answer = `${BENIGN} ${BENIGN} ${split} trailing words`;
    const { text, outcome } = await relay(c, [Buffer.from(c.upstream(tokenize(answer, 5)))], settings(guard, { rescoreEveryChars: 1 }));
    expect(outcome).toBe('blocked_output');
    expect(text.length).toBeGreaterThan(0);
    expect(text.length).toBeLessThanOrEqual(answer.indexOf(split));
  });

  it('holds for any tokenization, canary position, byte split and check cadence (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 300 }).map((s) => s.replace(/[xX]/g, 'a')),
        fc.string({ maxLength: 60 }),
        fc.integer({ min: 1, max: 9 }),
        fc.uniqueArray(fc.nat(), { maxLength: 12 }),
        fc.integer({ min: 1, max: 80 }),
        async (before, after, tokenSize, cuts, rescore) => {
          const answer = `${before}${CANARY}${after}`;
          const bytes = Buffer.from(c.upstream(tokenize(answer, tokenSize)));
          const offsets = [...new Set(cuts.map((n) => n % bytes.length))].sort((a, b) => a - b);
          const { text, client } = await relay(c, splitBytes(bytes, offsets), settings(guard, { rescoreEveryChars: rescore }));
          expect(text.length).toBeLessThanOrEqual(before.length);
          expect(answer.startsWith(text)).toBe(true);
          expect(c.endsWithRefusal(client)).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('ends a stream the upstream cut short with an error event, after checking what it held', async () => {
    const bytes = Buffer.from(c.upstream(tokenize(BENIGN, 4)));
    const { client, outcome, text } = await relay(c, [bytes.subarray(0, Math.floor(bytes.length * 0.6))]);
    expect(outcome).toBe('upstream_error');
    expect(BENIGN.startsWith(text)).toBe(true);
    expect(client).toMatch(/GATEWAY_UPSTREAM_INVALID|the upstream closed the stream/);
  });

  it('turns an unparseable upstream event into an error event, not a crash', async () => {
    const bytes = Buffer.from(c.upstream(['Hello', ' there']));
    const garbage = Buffer.concat([bytes.subarray(0, bytes.indexOf('Hello') + 10), Buffer.from('\n\ndata: {not json\n\n')]);
    const { client, outcome } = await relay(c, [garbage]);
    expect(outcome).toBe('upstream_error');
    expect(client).toContain('error');
  });
});

/**
 * A stream's protocol events byte for byte, in order, with each run of text events as one "TEXT":
 * the guard may re-cut text into different deltas but must not change, drop or reorder anything else.
 */
function shape(wire: WireFormat, sse: string): string[] {
  const reader = wire.openStream(request);
  const parser = new SseParser();
  const out: string[] = [];
  for (const event of [...parser.push(sse), ...parser.end()]) {
    const isText = reader.textOf(unnumbered(event)) !== null;
    if (!isText) out.push(event.raw);
    else if (out.at(-1) !== 'TEXT') out.push('TEXT');
  }
  return out;
}
