import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayServer, UPSTREAM_SECRET, type GatewayServer } from './kit/gateway-harness.js';
import { UpstreamDouble, type RecordedRequest, type ScriptedResponse } from './kit/upstream-double.js';

// `GET /v1/models` through the gateway with both official SDKs (apps list models at start-up), each
// answered by its own provider with the gateway's credential, and a path the gateway builds itself.
const json = (status: number, body: unknown): ScriptedResponse => ({ status, headers: { 'content-type': 'application/json', 'x-request-id': 'req_up' }, chunks: [JSON.stringify(body)] });

const OPENAI_MODEL = { id: 'gpt-test', object: 'model', created: 1_764_000_000, owned_by: 'system' };
const ANTHROPIC_MODEL = { type: 'model', id: 'claude-test', display_name: 'Claude Test', created_at: '2026-01-01T00:00:00Z' };

function openAiModels(request: RecordedRequest): ScriptedResponse {
  if (request.url === '/v1/models') return json(200, { object: 'list', data: [OPENAI_MODEL] });
  if (request.url === '/v1/models/gpt-test') return json(200, OPENAI_MODEL);
  return json(404, { error: { message: 'The model does not exist', type: 'invalid_request_error', param: null, code: 'model_not_found' } });
}

function anthropicModels(request: RecordedRequest): ScriptedResponse {
  if (request.url.startsWith('/v1/models?') || request.url === '/v1/models') return json(200, { data: [ANTHROPIC_MODEL], has_more: false, first_id: 'claude-test', last_id: 'claude-test' });
  return json(404, { type: 'error', error: { type: 'not_found_error', message: 'model not found' } });
}

let openaiUpstream: UpstreamDouble;
let anthropicUpstream: UpstreamDouble;
let gateway: GatewayServer;

beforeAll(async () => {
  openaiUpstream = await UpstreamDouble.start(openAiModels);
  anthropicUpstream = await UpstreamDouble.start(anthropicModels);
  gateway = await startGatewayServer({ openai: openaiUpstream.url, anthropic: anthropicUpstream.url });
});
afterAll(async () => {
  await gateway.close();
  await openaiUpstream.close();
  await anthropicUpstream.close();
});

describe('model lists through the gateway', () => {
  it('lists and retrieves OpenAI models with the OpenAI SDK, on the OpenAI upstream', async () => {
    const client = new OpenAI({ apiKey: gateway.key, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
    const models = [];
    for await (const model of client.models.list()) models.push(model);
    expect(models).toEqual([OPENAI_MODEL]);
    expect(await client.models.retrieve('gpt-test')).toEqual(OPENAI_MODEL);
    expect(openaiUpstream.last.headers.authorization).toBe(`Bearer ${UPSTREAM_SECRET}`);
    await expect(client.models.retrieve('gpt-none')).rejects.toMatchObject({ status: 404, code: 'model_not_found' });
  });

  it('lists Anthropic models with the Anthropic SDK, pagination included, on the Anthropic upstream', async () => {
    const client = new Anthropic({ apiKey: gateway.key, baseURL: gateway.url, maxRetries: 0 });
    const page = await client.models.list({ limit: 5 });
    expect(page.data).toEqual([ANTHROPIC_MODEL]);
    expect(anthropicUpstream.last.url).toBe('/v1/models?limit=5');
    expect(anthropicUpstream.last.headers['x-api-key']).toBe(UPSTREAM_SECRET);
  });

  it('needs a gateway key, and sends no path it did not build', async () => {
    expect((await fetch(`${gateway.url}/v1/models`)).status).toBe(401);
    const before = openaiUpstream.requests.length;
    const auth = { authorization: `Bearer ${gateway.key}` };
    for (const path of ['/v1/models/..%2Ffiles', '/v1/models/a..b', '/v1/models?limit=x', '/v1/models?after_id=%2E%2E%2Ffiles']) {
      const res = await fetch(`${gateway.url}${path}`, { headers: auth });
      expect(res.status, path).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('REQUEST_INVALID_BODY');
    }
    // Parameters other than pagination are dropped, not forwarded.
    await fetch(`${gateway.url}/v1/models?limit=2&path=/v1/files`, { headers: auth });
    expect(openaiUpstream.last.url).toBe('/v1/models?limit=2');
    expect(openaiUpstream.requests.length).toBe(before + 1);
  });
});
