import { Pool } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { policyGuard } from '../../test/kit/gateway-harness.js';
import type { UpstreamDouble } from '../../test/kit/upstream-double.js';
import { startOpenAiUpstream } from '../../test/kit/upstream-openai.js';
import type { PolicyRule } from '../config/policy-schema.js';
import { BulwarkError } from '../core/errors.js';
import { createMetrics } from '../server/metrics.js';
import type { DecisionRecord } from '../store/index.js';
import { GatewayProxy, type GatewayCall, type GatewayReply } from './proxy.js';
import { openAiWire } from './wire/openai.js';

// A stream's input record commits while the upstream works; a whole answer's commits with its output
// record. These pin down that nothing of the answer reaches the client unless both were written, and
// that a forwarded request's input decision is written even when the upstream fails.
let upstream: UpstreamDouble;
let pool: Pool;
beforeAll(async () => {
  upstream = await startOpenAiUpstream(() => ({ text: 'Water tomatoes deeply twice a week.' }));
  pool = new Pool(upstream.url);
});
afterAll(async () => {
  await pool.close();
  await upstream.close();
});

function proxyWith(insert: (record: DecisionRecord) => Promise<void>, dispatcher: Pool = pool, guard = policyGuard()): GatewayProxy {
  return new GatewayProxy({
    guard,
    store: { decisions: { insert, list: async () => [], get: async () => null, count: async () => 0 } },
    metrics: createMetrics(),
    upstreams: { openai: { dispatcher, pathPrefix: '', apiKey: 'sk-test' } },
    settings: { holdbackChars: 36, rescoreEveryChars: 16, contextChars: 1000, checkWindowChars: 2000 },
  });
}

function call(stream: boolean): GatewayCall {
  const body = { model: 'm', stream, messages: [{ role: 'user', content: 'How do I water tomatoes?' }] };
  const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
  return { wire: openAiWire, raw: Buffer.from(JSON.stringify(body)), body, headers: {}, tenant: 't', keyId: null, signal: new AbortController().signal, log: silent };
}

const unavailable = async () => {
  throw new BulwarkError('STORE_UNAVAILABLE', 'The database could not be reached.');
};

describe('gateway decision records', () => {
  it.each([false, true])('answers nothing when the input record cannot be written (stream: %s)', async (stream) => {
    await expect(proxyWith(unavailable).handle(call(stream))).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
  });

  it('answers nothing when the output record cannot be written', async () => {
    const inputOnly = async (record: DecisionRecord) => (record.source === 'gateway.input' ? undefined : unavailable());
    await expect(proxyWith(inputOnly).handle(call(false))).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
  });

  it('writes the input and the output decision before it answers', async () => {
    const written: string[] = [];
    const reply = await proxyWith(async (record) => void written.push(record.source)).handle(call(false));
    expect(written).toEqual(['gateway.input', 'gateway.output']);
    expect(reply.status).toBe(200);
  });

  it.each([false, true])('writes the input decision of a request whose upstream cannot be reached (stream: %s)', async (stream) => {
    const closed = await startOpenAiUpstream(() => ({ text: 'unused' }));
    await closed.close();
    const unreachable = new Pool(closed.url);
    const written: string[] = [];
    try {
      await expect(proxyWith(async (record) => void written.push(record.source), unreachable).handle(call(stream))).rejects.toMatchObject({ code: 'GATEWAY_UPSTREAM_UNREACHABLE' });
    } finally {
      await unreachable.close();
    }
    expect(written).toEqual(['gateway.input']);
  });
});

describe('gateway rules scoped to one side of the exchange', () => {
  const scoped = (appliesTo: PolicyRule['appliesTo']) =>
    policyGuard(undefined, (policy) => {
      policy.rules.push({ id: `tomatoes-${appliesTo}`, match: { literal: 'tomatoes deeply', caseSensitive: false }, category: 'test.canary', action: 'block', appliesTo });
      return policy;
    });
  const answer = async (reply: GatewayReply): Promise<string> => {
    if (typeof reply.body === 'string' || Buffer.isBuffer(reply.body)) return reply.body.toString();
    let sse = '';
    for await (const frame of reply.body) sse += frame;
    // The model text of an OpenAI stream is spread over deltas; the finish reason is kept alongside.
    const events = sse.split('\n').flatMap((line) => (line.startsWith('data: {') ? [JSON.parse(line.slice(6)) as { choices: { delta?: { content?: string }; finish_reason?: string | null }[] }] : []));
    return events.map((event) => `${event.choices[0]?.delta?.content ?? ''}${event.choices[0]?.finish_reason ?? ''}`).join('');
  };

  it.each([false, true])('checks model output with the rules for output, not those for input (stream: %s)', async (stream) => {
    const record = async () => undefined;
    const passed = await proxyWith(record, pool, scoped('input')).handle(call(stream));
    expect(passed.headers['x-bulwark-decision']).toBe('allow');
    expect(await answer(passed)).toContain('tomatoes deeply');

    const halted = await answer(await proxyWith(record, pool, scoped('output')).handle(call(stream)));
    expect(halted).not.toContain('tomatoes deeply');
    expect(halted).toContain('content_filter');
  });
});
