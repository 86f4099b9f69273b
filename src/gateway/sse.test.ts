import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SseParser, type SseEvent } from './sse.js';

function parseChunks(chunks: readonly Uint8Array[]): SseEvent[] {
  const parser = new SseParser();
  return [...chunks.flatMap((chunk) => parser.push(chunk)), ...parser.end()];
}

const SAMPLE =
  'event: message_start\ndata: {"a":"é😀"}\n\n' +
  ': keep-alive comment\n\n' +
  'event: content_block_delta\r\ndata: {"b":1}\r\n\r\n' +
  'data: line one\ndata: line two\n\n' +
  'data:no-space\r\rdata: [DONE]\n\n';

describe('SseParser', () => {
  it('reads names, data, CRLF and CR line ends, comments and multi-line data', () => {
    const events = parseChunks([Buffer.from(SAMPLE)]);
    expect(events.map((e) => [e.event, e.data])).toEqual([
      ['message_start', '{"a":"é😀"}'],
      [null, ''],
      ['content_block_delta', '{"b":1}'],
      [null, 'line one\nline two'],
      [null, 'no-space'],
      [null, '[DONE]'],
    ]);
    expect(events.map((e) => e.raw).join('')).toBe(SAMPLE);
  });

  it('gives the same events for the input split at every byte boundary', () => {
    const bytes = Buffer.from(SAMPLE);
    const whole = parseChunks([bytes]);
    for (let i = 0; i <= bytes.length; i += 1) {
      expect(parseChunks([bytes.subarray(0, i), bytes.subarray(i)])).toEqual(whole);
    }
    expect(parseChunks([...bytes].map((b) => Uint8Array.of(b)))).toEqual(whole);
  });

  it('gives the same events for any split (property)', () => {
    const bytes = Buffer.from(SAMPLE);
    const whole = parseChunks([bytes]);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 })), (cuts) => {
        const sorted = [...cuts].sort((a, b) => a - b);
        const chunks = [0, ...sorted].map((start, i) => bytes.subarray(start, sorted[i] ?? bytes.length));
        expect(parseChunks(chunks)).toEqual(whole);
      }),
    );
  });

  it('drops a final block that never got its blank line, and reports it as pending', () => {
    const parser = new SseParser();
    expect(parser.push('data: {"x":1}\n\ndata: {"cut')).toHaveLength(1);
    expect(parser.end()).toEqual([]);
    expect(parser.pending).toBe('data: {"cut');
  });
});
