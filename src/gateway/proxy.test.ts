import { Pool } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { policyGuard } from '../../test/kit/gateway-harness.js';
import type { UpstreamDouble } from '../../test/kit/upstream-double.js';
import { startOpenAiUpstream } from '../../test/kit/upstream-openai.js';
import { BulwarkError } from '../core/errors.js';
import { createMetrics } from '../server/metrics.js';
import type { DecisionRecord } from '../store/index.js';
import { GatewayProxy, type GatewayCall } from './proxy.js';
import { openAiWire } from './wire/openai.js';

// The allowed input's decision record commits while the upstream works. These pin down that nothing
// of the answer reaches the client unless that record (and the output's) was written.
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

function proxyWith(insert: (record: DecisionRecord) => Promise<void>): GatewayProxy {
  return new GatewayProxy({
    guard: policyGuard(),
    store: { decisions: { insert, list: async () => [], get: async () => null, count: async () => 0 } },
    metrics: createMetrics(),
    upstreams: { openai: { dispatcher: pool, pathPrefix: '', apiKey: 'sk-test' } },
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
});
