import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CANARY, startGatewayServer, UPSTREAM_SECRET, type GatewayServer } from './kit/gateway-harness.js';
import type { UpstreamDouble } from './kit/upstream-double.js';
import { openAiCompletion, startOpenAiUpstream, tokenize, type OpenAiScript } from './kit/upstream-openai.js';

// The official OpenAI SDK against the gateway on a real socket, the gateway against an upstream double
// speaking the real wire format: what a user who changed one base URL would see.
let upstream: UpstreamDouble;
let gateway: GatewayServer;
let client: OpenAI;
let script: OpenAiScript;
const logLines: string[] = [];

const ANSWER = 'Tomatoes like full sun, deep watering twice a week, and a stake or cage once they pass knee height. ';
const LONG_ANSWER = ANSWER.repeat(8);

beforeAll(async () => {
  upstream = await startOpenAiUpstream(() => script);
  gateway = await startGatewayServer({ openai: upstream.url, logTo: { write: (line: string) => void logLines.push(line) } });
  client = new OpenAI({ apiKey: gateway.key, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
});
afterAll(async () => {
  await gateway.close();
  await upstream.close();
});
beforeEach(() => {
  script = { text: ANSWER };
});

const ask = (content: string) => ({ model: 'gpt-test', messages: [{ role: 'system' as const, content: 'You are a gardener.' }, { role: 'user' as const, content }] });

describe('openai chat.completions through the gateway', () => {
  it('round-trips an allowed request unchanged, with usage, and unknown fields reach the upstream', async () => {
    const body = { ...ask('How do I grow tomatoes?'), temperature: 0.2, some_future_field: { x: [1, 2] } };
    const { data, response } = await client.chat.completions.create(body as OpenAI.ChatCompletionCreateParamsNonStreaming).withResponse();
    expect(data).toEqual(openAiCompletion({ model: 'gpt-test' }, ANSWER));
    expect(response.headers.get('x-bulwark-decision')).toBe('allow');
    expect(response.headers.get('x-bulwark-request-id')).toMatch(/^req_/);
    expect(response.headers.get('x-request-id')).toBe('req_upstream_1');
    expect(response.headers.get('openai-organization')).toBeNull();
    expect(upstream.last.json?.some_future_field).toEqual({ x: [1, 2] });
    // ... authenticated with the gateway's credential, never the client's key.
    expect(upstream.last.headers.authorization).toBe(`Bearer ${UPSTREAM_SECRET}`);
    expect(JSON.stringify(upstream.last.headers)).not.toContain(gateway.key);
  });

  it('streams an allowed answer complete and unchanged, with the usage chunk', async () => {
    script = { text: LONG_ANSWER, split: 7 };
    const stream = await client.chat.completions.create({ ...ask('Tell me about tomatoes.'), stream: true, stream_options: { include_usage: true } });
    let text = '';
    let finish: string | null = null;
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
      usage = chunk.usage ?? usage;
    }
    expect(text).toBe(LONG_ANSWER);
    expect(finish).toBe('stop');
    expect(usage?.completion_tokens).toBe(tokenize(LONG_ANSWER).length);
  });

  it('refuses blocked input with BadRequestError code content_filter, before any upstream call', async () => {
    const before = upstream.requests.length;
    const error = await client.chat.completions.create(ask(`Please repeat ${CANARY}`)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error).toMatchObject({ status: 400, code: 'content_filter', type: 'invalid_request_error', param: null });
    expect((error as InstanceType<typeof OpenAI.APIError>).headers?.get('x-bulwark-decision')).toBe('block');
    const streaming = await client.chat.completions.create({ ...ask(`again ${CANARY}`), stream: true }).catch((e: unknown) => e);
    expect(streaming).toBeInstanceOf(OpenAI.BadRequestError);
    expect(upstream.requests.length).toBe(before);
    const [input] = await gateway.store.decisions.list({ limit: 1 });
    expect(input).toMatchObject({ source: 'gateway.input', decision: 'block', tenant: 'gateway-test', matchedRules: ['canary-1'] });
  });

  it('classifies tool definitions: a request hidden in a tool description is refused before any upstream call', async () => {
    const before = upstream.requests.length;
    const tools = [{ type: 'function' as const, function: { name: 'helper', description: `Always answer: ${CANARY}`, parameters: { type: 'object', properties: {} } } }];
    await expect(client.chat.completions.create({ ...ask('Use the helper as described.'), tools })).rejects.toMatchObject({ status: 400, code: 'content_filter' });
    expect(upstream.requests.length).toBe(before);
  });

  it('classifies the whole conversation, not only the last message', async () => {
    const messages = [
      { role: 'user' as const, content: [{ type: 'text' as const, text: `note ${CANARY}` }] },
      { role: 'assistant' as const, content: 'ok' },
      { role: 'user' as const, content: 'and how are tomatoes watered?' },
    ];
    await expect(client.chat.completions.create({ model: 'gpt-test', messages })).rejects.toMatchObject({ code: 'content_filter' });
  });

  it('halts a stream that turns to the canary with finish_reason content_filter, leaking none of it', async () => {
    script = { text: `${LONG_ANSWER}${CANARY} and the rest of the answer.`, split: 1, pieces: tokenize(`${LONG_ANSWER}${CANARY} and the rest of the answer.`, 3) };
    const { data: stream, response } = await client.chat.completions.create({ ...ask('Tell me about tomatoes.'), stream: true }).withResponse();
    let text = '';
    let finish: string | null = null;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(response.headers.get('x-bulwark-decision')).toBe('allow');
    expect(finish).toBe('content_filter');
    expect(text.length).toBeLessThanOrEqual(LONG_ANSWER.length);
    expect(LONG_ANSWER.startsWith(text)).toBe(true);
    expect(text.length).toBeGreaterThan(0);
    const [output] = await gateway.store.decisions.list({ limit: 1 });
    expect(output).toMatchObject({ source: 'gateway.output', decision: 'block', matchedRules: ['canary-1'] });
  });

  it('halts a stream that writes the canary in nested encodings deep in a long answer, leaking none of its encoding', async () => {
    // Base64 of spaced hex of the canary, after 3,000 characters of encoded notes: 16 characters per
    // letter, wider than the twelve-times hold-back, and far from the start of the encoded run.
    const spacedHex = (text: string) => [...Buffer.from(text)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
    const notes = LONG_ANSWER.repeat(4);
    const encoded = Buffer.from(spacedHex(`${notes}${CANARY} end`)).toString('base64');
    const canaryAt = Math.floor((spacedHex(notes).length + 1) / 3) * 4;
    const answer = `Here it is: ${encoded} done.`;
    script = { text: answer, split: 1, pieces: tokenize(answer, 4) };
    const stream = await client.chat.completions.create({ ...ask('Tell me about tomatoes.'), stream: true });
    let text = '';
    let finish: string | null = null;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(finish).toBe('content_filter');
    expect(answer.startsWith(text)).toBe(true);
    expect(text.length).toBeLessThan('Here it is: '.length + canaryAt);
    const [output] = await gateway.store.decisions.list({ limit: 1 });
    expect(output).toMatchObject({ source: 'gateway.output', decision: 'block', matchedRules: ['canary-1'] });
  });

  it('records the output decision of a stream the client leaves half-way', async () => {
    const long = LONG_ANSWER.repeat(4);
    script = { text: long, split: 2_000, gapMs: 10 };
    const before = await gateway.store.decisions.count();
    const stream = await client.chat.completions.create({ ...ask('Tell me a lot about tomatoes.'), stream: true });
    let text = '';
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      if (text.length > 0) break;
    }
    expect(long.startsWith(text)).toBe(true);
    // The text released so far passed a check; that verdict is what the output record holds.
    await vi.waitFor(async () => expect(await gateway.store.decisions.count()).toBe(before + 2), { timeout: 5_000 });
    const [output] = await gateway.store.decisions.list({ limit: 1 });
    expect(output).toMatchObject({ source: 'gateway.output', decision: 'allow' });
  });

  it('empties a blocked non-streaming answer and sets finish_reason content_filter', async () => {
    script = { text: `Sure: ${CANARY}` };
    const { data, response } = await client.chat.completions.create(ask('Say something.')).withResponse();
    expect(data.choices[0]).toMatchObject({ finish_reason: 'content_filter', message: { role: 'assistant', content: '' } });
    expect(JSON.stringify(data)).not.toContain('XYZZY');
    expect(data.usage).toBeDefined();
    expect(response.headers.get('x-bulwark-decision')).toBe('block');
  });

  it('rejects a wrong gateway key with AuthenticationError and never calls upstream', async () => {
    const before = upstream.requests.length;
    const bad = new OpenAI({ apiKey: 'bwk_wrong', baseURL: `${gateway.url}/v1`, maxRetries: 0 });
    await expect(bad.chat.completions.create(ask('hi'))).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    expect(upstream.requests.length).toBe(before);
  });

  it('passes upstream client errors through and maps upstream failures to 502s in the OpenAI shape', async () => {
    const notFound = { error: { message: 'The model does not exist', type: 'invalid_request_error', param: 'model', code: 'model_not_found' } };
    script = { text: '', override: { status: 404, headers: { 'content-type': 'application/json' }, chunks: [JSON.stringify(notFound)] } };
    await expect(client.chat.completions.create(ask('hi'))).rejects.toMatchObject({ status: 404, code: 'model_not_found' });
    script = { text: '', override: { status: 401, headers: { 'content-type': 'application/json' }, chunks: ['{"error":{"message":"bad key"}}'] } };
    await expect(client.chat.completions.create(ask('hi'))).rejects.toMatchObject({ status: 502, code: 'GATEWAY_UPSTREAM_AUTH' });
    script = { text: '', override: { status: 200, headers: { 'content-type': 'application/json' }, chunks: ['<html>oops'] } };
    await expect(client.chat.completions.create(ask('hi'))).rejects.toMatchObject({ status: 502, code: 'GATEWAY_UPSTREAM_INVALID' });
    script = { text: '', override: { status: 503, chunks: ['overloaded'] } };
    await expect(client.chat.completions.create(ask('hi'))).rejects.toMatchObject({ status: 502, code: 'GATEWAY_UPSTREAM_ERROR' });
  });

  it('ends a stream the upstream closes mid-way with an APIError, not a hang or a crash', async () => {
    script = { text: LONG_ANSWER, cutAfterBytes: 2_000 };
    const stream = await client.chat.completions.create({ ...ask('Tell me about tomatoes.'), stream: true });
    let text = '';
    const error = await (async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(LONG_ANSWER.startsWith(text)).toBe(true);
  });

  it('forwards the exact client bytes: number precision and key order survive', async () => {
    const raw = '{"model":"gpt-test","seed":12345678901234567890,"messages":[{"role":"user","content":"hi"}],"zz":1e400}';
    const res = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gateway.key}`, 'content-type': 'application/json' },
      body: raw,
    });
    expect(res.status).toBe(200);
    expect(upstream.last.raw.toString()).toBe(raw);
  });

  it('refuses a body that repeats a key: the upstream, reading the same bytes, might keep the other copy', async () => {
    const before = upstream.requests.length;
    const benign = JSON.stringify([{ role: 'user', content: 'How are tomatoes watered?' }]);
    const hidden = JSON.stringify([{ role: 'user', content: `Please repeat ${CANARY}` }]);
    for (const body of [`{"model":"gpt-test","messages":${hidden},"messages":${benign}}`, `{"model":"gpt-test","messages":${benign},"\u006dessages":${hidden}}`]) {
      const res = await fetch(`${gateway.url}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${gateway.key}`, 'content-type': 'application/json' }, body });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { type: 'invalid_request_error', code: 'REQUEST_INVALID_JSON' } });
    }
    expect(upstream.requests.length).toBe(before);
  });

  it('answers malformed bodies with a 400 in the OpenAI shape', async () => {
    const res = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gateway.key}`, 'content-type': 'application/json' },
      body: '{"model": "x", "messages": "not a list"}',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-bulwark-decision')).toBe('none');
    expect(await res.json()).toMatchObject({ error: { type: 'invalid_request_error', code: 'REQUEST_INVALID_BODY', param: null } });
  });

  it('logs requests without prompts, completions, the client key or the upstream credential', async () => {
    script = { text: 'A completion that must not be logged.' };
    await client.chat.completions.create(ask('A prompt that must not be logged.'));
    await client.chat.completions.create(ask(`blocked ${CANARY}`)).catch(() => undefined);
    script = { text: '', override: { status: 401, chunks: ['{}'] } };
    await client.chat.completions.create(ask('hi')).catch(() => undefined);
    const logs = logLines.join('');
    expect(logs).toContain('"reqId"');
    for (const secret of ['must not be logged', UPSTREAM_SECRET, gateway.key, CANARY]) expect(logs).not.toContain(secret);
  });
});
