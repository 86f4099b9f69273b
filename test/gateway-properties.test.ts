import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayServer, type GatewayServer } from './kit/gateway-harness.js';
import { startAnthropicUpstream } from './kit/upstream-anthropic.js';
import { startOpenAiUpstream } from './kit/upstream-openai.js';
import type { UpstreamDouble } from './kit/upstream-double.js';

// Bad and odd input at the gateway, as properties: whatever the shape, a healthy upstream means no 5xx;
// and text with nothing for the classifier to read (a "?" turn, a separator line) is not refused.
const PROSE = 'Mitochondria make most of the cell\'s ATP through oxidative phosphorylation. ';
const SEPARATED_ANSWER = `${PROSE.repeat(6)}\n${'='.repeat(450)}\n${PROSE.repeat(6)}`;

let openai: UpstreamDouble;
let anthropic: UpstreamDouble;
let gw: GatewayServer;

beforeAll(async () => {
  openai = await startOpenAiUpstream((request) => ({ text: JSON.stringify(request.json).includes('as a table') ? SEPARATED_ANSWER : 'A benign answer about cells.' }));
  anthropic = await startAnthropicUpstream(() => ({ text: 'A benign answer about cells.' }));
  gw = await startGatewayServer({ openai: openai.url, anthropic: anthropic.url });
});
afterAll(async () => {
  await gw?.close();
  await openai?.close();
  await anthropic?.close();
});

const anyValue = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.double(), fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.string(), { maxKeys: 3 }));
const part = fc.oneof(
  fc.record({ type: fc.constantFrom('text', 'image_url', 'input_audio', 'tool_result', 'image', 'document', 'thinking', 'tool_use', 'x'), text: fc.oneof(fc.string(), anyValue) }, { requiredKeys: [] }),
  fc.record({ type: fc.constant('tool_result'), tool_use_id: fc.string(), content: fc.oneof(fc.string(), fc.array(fc.record({ type: fc.constant('text'), text: fc.oneof(fc.string(), anyValue) }))) }, { requiredKeys: [] }),
  anyValue,
);
const message = fc.oneof(
  fc.record({ role: fc.constantFrom('user', 'assistant', 'system', 'developer', 'tool', 'function', 'x'), content: fc.oneof(fc.string(), fc.array(part, { maxLength: 3 }), anyValue), name: anyValue, tool_calls: anyValue }, { requiredKeys: [] }),
  anyValue,
);
const body = fc.record(
  {
    model: fc.oneof(fc.string(), anyValue),
    messages: fc.oneof(fc.array(message, { maxLength: 4 }), anyValue),
    system: fc.oneof(fc.string(), fc.array(part, { maxLength: 2 }), anyValue),
    stream: fc.oneof(fc.boolean(), anyValue),
    max_tokens: fc.oneof(fc.integer(), anyValue),
    user: anyValue,
    metadata: fc.oneof(fc.record({ user_id: anyValue }, { requiredKeys: [] }), anyValue),
    stream_options: fc.oneof(fc.record({ include_usage: anyValue }, { requiredKeys: [] }), anyValue),
  },
  { requiredKeys: [] },
);

const textPart = fc.record({ type: fc.constant('text'), text: fc.string({ maxLength: 40 }) });
const validContent = fc.oneof(fc.string({ maxLength: 60 }), fc.array(textPart, { minLength: 1, maxLength: 3 }));
const turns = fc.array(fc.record({ role: fc.constantFrom('user', 'assistant'), content: validContent }), { minLength: 1, maxLength: 4 });
let accounts = 0;
/** A valid request of the route's format, then up to two fields replaced by anything. */
const nearlyValid = fc.tuple(fc.constantFrom('/v1/chat/completions', '/v1/messages'), turns, fc.boolean(), fc.array(fc.tuple(fc.constantFrom('model', 'messages', 'stream', 'max_tokens', 'system', 'user', 'metadata', 'stream_options', 'n', 'tools', 'temperature', 'messages.0', 'messages.0.content', 'messages.0.role', 'messages.0.content.0'), anyValue), { maxLength: 2 })).map(([route, msgs, stream, edits]) => {
  // Each request its own account: the random text would otherwise add up to an account-level block.
  const account = `fuzz-${(accounts += 1)}`;
  const payload: Record<string, unknown> =
    route === '/v1/messages' ? { model: 'claude-double', max_tokens: 64, messages: msgs, stream, metadata: { user_id: account } } : { model: 'gpt-double', messages: msgs, stream, user: account };
  for (const [path, value] of edits) {
    const keys = path.split('.');
    let at: unknown = payload;
    for (const key of keys.slice(0, -1)) at = at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined;
    if (at !== null && typeof at === 'object') (at as Record<string, unknown>)[keys.at(-1)!] = value;
  }
  return [route, payload] as const;
});

describe('gateway properties', () => {
  it('never answers 5xx to a nearly valid request while the upstream is healthy', async () => {
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(nearlyValid, async ([route, payload]) => {
        const headers = { authorization: `Bearer ${gw.key}`, 'content-type': 'application/json', 'anthropic-version': '2023-06-01', 'x-bulwark-conversation': `c-${accounts}` };
        const res = await fetch(`${gw.url}${route}`, { method: 'POST', headers, body: JSON.stringify(payload) });
        const text = await res.text();
        seen.set(`${route} ${res.status}`, (seen.get(`${route} ${res.status}`) ?? 0) + 1);
        if (res.status >= 500) throw new Error(`${route} ${res.status}: ${text.slice(0, 300)} for ${JSON.stringify(payload).slice(0, 300)}`);
      }),
      { numRuns: 1500 },
    );
    // Deep paths were reached: both formats answered some of them in full.
    expect(seen.get('/v1/chat/completions 200')).toBeGreaterThan(100);
    expect(seen.get('/v1/messages 200')).toBeGreaterThan(100);
  }, 300_000);

  it('never answers 5xx to any request shape while the upstream is healthy', async () => {
    // Any JSON, no body at all, or another media type: 4xx in the route's own error shape.
    const sent = fc.oneof(body.map((payload) => JSON.stringify(payload)), fc.constant(null), fc.string({ maxLength: 40 }));
    const mediaType = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', null);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/v1/chat/completions', '/v1/messages'), sent, mediaType, async (route, payload, type) => {
        const headers: Record<string, string> = { authorization: `Bearer ${gw.key}`, 'anthropic-version': '2023-06-01' };
        if (type !== null) headers['content-type'] = type;
        const res = await fetch(`${gw.url}${route}`, { method: 'POST', headers, ...(payload === null ? {} : { body: payload }) });
        const text = await res.text();
        if (res.status >= 500) throw new Error(`${route} ${res.status}: ${text.slice(0, 300)} for ${type} ${String(payload).slice(0, 300)}`);
        expect(res.status).toBeGreaterThanOrEqual(200);
      }),
      { numRuns: 1500 },
    );
  }, 300_000);

  it('passes turns and answers with nothing to read: a "?" or "A" turn, a separator line in a streamed answer', async () => {
    for (const content of ['?', 'A', ':)']) {
      const res = await fetch(`${gw.url}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${gw.key}`, 'content-type': 'application/json' }, body: JSON.stringify({ model: 'g', user: 'quiz-taker', messages: [{ role: 'user', content }] }) });
      expect(res.status, content).toBe(200);
      expect(res.headers.get('x-bulwark-decision')).toBe('allow');
      await res.text();
    }
    const res = await fetch(`${gw.url}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${gw.key}`, 'content-type': 'application/json' }, body: JSON.stringify({ model: 'g', user: 'table-reader', stream: true, messages: [{ role: 'user', content: 'Summarize cell respiration as a table.' }] }) });
    const events = (await res.text()).split('\n\n').filter((e) => e.startsWith('data: {')).map((e) => JSON.parse(e.slice(6)) as { choices: { delta: { content?: string }; finish_reason: string | null }[] });
    expect(events.map((e) => e.choices[0]?.delta.content ?? '').join('')).toBe(SEPARATED_ANSWER);
    expect(events.at(-1)!.choices[0]!.finish_reason).toBe('stop');
  });
});
