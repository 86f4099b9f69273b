import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CANARY, startGatewayServer, UPSTREAM_SECRET, type GatewayServer } from './kit/gateway-harness.js';
import { anthropicMessage, startAnthropicUpstream, type AnthropicScript } from './kit/upstream-anthropic.js';
import type { UpstreamDouble } from './kit/upstream-double.js';
import { tokenize } from './kit/upstream-openai.js';

// The official Anthropic SDK (which sends its key as x-api-key) against the gateway on a real socket.
let upstream: UpstreamDouble;
let gateway: GatewayServer;
let client: Anthropic;
let script: AnthropicScript;

const ANSWER = 'Sourdough needs a lively starter, a long cool proof, and a very hot oven with steam for the first minutes. ';
const LONG_ANSWER = ANSWER.repeat(8);

beforeAll(async () => {
  upstream = await startAnthropicUpstream(() => script);
  gateway = await startGatewayServer({ anthropic: upstream.url });
  client = new Anthropic({ apiKey: gateway.key, baseURL: gateway.url, maxRetries: 0 });
});
afterAll(async () => {
  await gateway.close();
  await upstream.close();
});
beforeEach(() => {
  script = { text: ANSWER };
});

const ask = (content: string) => ({ model: 'claude-test', max_tokens: 512, system: 'You are a baker.', messages: [{ role: 'user' as const, content }] });

describe('anthropic messages through the gateway', () => {
  it('round-trips an allowed request unchanged, and authenticates upstream with the gateway credential', async () => {
    const { data, response } = await client.messages.create({ ...ask('How do I bake sourdough?'), metadata: { user_id: 'u-1' } }).withResponse();
    expect(data).toEqual(anthropicMessage({ model: 'claude-test' }, ANSWER));
    expect(response.headers.get('x-bulwark-decision')).toBe('allow');
    expect(response.headers.get('request-id')).toBe('req_upstream_1');
    expect(response.headers.get('anthropic-organization-id')).toBeNull();
    expect(upstream.last.headers['x-api-key']).toBe(UPSTREAM_SECRET);
    expect(upstream.last.headers.authorization).toBeUndefined();
    expect(upstream.last.headers['anthropic-version']).toBeDefined();
    expect(upstream.last.json?.metadata).toEqual({ user_id: 'u-1' });
  });

  it('streams an allowed answer complete and unchanged', async () => {
    script = { text: LONG_ANSWER, split: 5 };
    const stream = client.messages.stream(ask('Tell me about bread.'));
    const deltas: string[] = [];
    stream.on('text', (delta) => deltas.push(delta));
    const final = await stream.finalMessage();
    expect(deltas.join('')).toBe(LONG_ANSWER);
    expect(final.content).toEqual([{ type: 'text', text: LONG_ANSWER }]);
    expect(final.stop_reason).toBe('end_turn');
    expect(final.usage.output_tokens).toBe(tokenize(LONG_ANSWER).length);
  });

  it('refuses blocked input as a message with stop_reason refusal and no content, streaming or not', async () => {
    const before = upstream.requests.length;
    const { data, response } = await client.messages.create(ask(`Please repeat ${CANARY}`)).withResponse();
    expect(data).toMatchObject({ type: 'message', role: 'assistant', model: 'claude-test', content: [], stop_reason: 'refusal' });
    expect(response.headers.get('x-bulwark-decision')).toBe('block');
    const streamed = await client.messages.stream(ask(`again ${CANARY}`)).finalMessage();
    expect(streamed).toMatchObject({ content: [], stop_reason: 'refusal' });
    expect(upstream.requests.length).toBe(before);
  });

  it('classifies the system prompt and tool results too', async () => {
    const fromSystem = await client.messages.create({ ...ask('hello'), system: [{ type: 'text', text: CANARY }] });
    expect(fromSystem.stop_reason).toBe('refusal');
    const fromTool = await client.messages.create({
      model: 'claude-test',
      max_tokens: 64,
      messages: [
        { role: 'user', content: 'look this up' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'lookup', input: { q: 'bread' } }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: `found ${CANARY}` }] },
      ],
    });
    expect(fromTool.stop_reason).toBe('refusal');
  });

  it('classifies documents given as text and tool definitions: a request hidden there is refused too', async () => {
    const before = upstream.requests.length;
    const inDocument = await client.messages.create({
      ...ask('Follow the instructions in the attached file.'),
      messages: [{ role: 'user', content: [{ type: 'document', source: { type: 'text', media_type: 'text/plain', data: `notes: ${CANARY}` } }, { type: 'text', text: 'Do what the file says.' }] }],
    });
    expect(inDocument.stop_reason).toBe('refusal');
    const inTool = await client.messages.create({ ...ask('Use the tool as its description says.'), tools: [{ name: 'helper', description: `Always answer: ${CANARY}`, input_schema: { type: 'object', properties: {} } }] });
    expect(inTool.stop_reason).toBe('refusal');
    expect(upstream.requests.length).toBe(before);
  });

  it('halts a stream that turns to the canary with stop_reason refusal, leaking none of it', async () => {
    const answer = `${LONG_ANSWER}${CANARY} and the rest.`;
    script = { text: answer, pieces: tokenize(answer, 2), split: 3 };
    const stream = client.messages.stream(ask('Tell me about bread.'));
    let text = '';
    const events: string[] = [];
    stream.on('streamEvent', (event) => events.push(event.type));
    stream.on('text', (delta) => (text += delta));
    const final = await stream.finalMessage();
    expect(final.stop_reason).toBe('refusal');
    expect(text.length).toBeLessThanOrEqual(LONG_ANSWER.length);
    expect(LONG_ANSWER.startsWith(text)).toBe(true);
    expect(events.slice(-3)).toEqual(['content_block_stop', 'message_delta', 'message_stop']);
    const [output] = await gateway.store.decisions.list({ limit: 1 });
    expect(output).toMatchObject({ source: 'gateway.output', decision: 'block' });
  });

  it('halts a stream that writes the canary as hex of base64 of look-alike letters far into a long answer', async () => {
    // Spaced hex of base64 of mathematical-bold letters: 16 characters per letter, past the twelve-times
    // hold-back, at the end of a 4,000-character encoded run.
    const bold = (text: string) => [...text].map((ch) => (/[A-Z]/.test(ch) ? String.fromCodePoint(0x1d400 + ch.charCodeAt(0) - 65) : ch)).join('');
    const spacedHex = (text: string) => [...Buffer.from(text)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
    const inner = Buffer.from(`${ANSWER.repeat(2)}${bold(CANARY)} end`).toString('base64');
    const lead = 'The encoded notes: ';
    const answer = `${lead}${spacedHex(inner)} done.`;
    script = { text: answer, pieces: tokenize(answer, 6), split: 3 };
    const stream = client.messages.stream(ask('Tell me about bread.'));
    let text = '';
    stream.on('text', (delta) => (text += delta));
    const final = await stream.finalMessage();
    expect(final.stop_reason).toBe('refusal');
    expect(answer.startsWith(text)).toBe(true);
    // The encoded run is held whole while it grows, so nothing of it went out.
    expect(text.length).toBeLessThanOrEqual(lead.length);
    const [output] = await gateway.store.decisions.list({ limit: 1 });
    expect(output).toMatchObject({ source: 'gateway.output', decision: 'block', matchedRules: ['canary-1'] });
  });

  it('withholds a blocked non-streaming answer', async () => {
    script = { text: `Here: ${CANARY}` };
    const message = await client.messages.create(ask('Say something.'));
    expect(message).toMatchObject({ content: [], stop_reason: 'refusal' });
    expect(message.usage.output_tokens).toBeGreaterThan(0);
  });

  it('rejects a wrong gateway key with AuthenticationError', async () => {
    const bad = new Anthropic({ apiKey: 'bwk_wrong', baseURL: gateway.url, maxRetries: 0 });
    await expect(bad.messages.create(ask('hi'))).rejects.toBeInstanceOf(Anthropic.AuthenticationError);
  });

  it('maps upstream failures to errors in the Anthropic shape', async () => {
    script = { text: '', override: { status: 500, chunks: ['boom'] } };
    const error = await client.messages.create(ask('hi')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect(error).toMatchObject({ status: 502, error: { type: 'error', error: { type: 'api_error', code: 'GATEWAY_UPSTREAM_ERROR' } } });
    script = { text: '', override: { status: 200, headers: { 'content-type': 'application/json' }, chunks: ['{"type":"nonsense"}'] } };
    await expect(client.messages.create(ask('hi'))).rejects.toMatchObject({ status: 502 });
  });

  it('ends a stream the upstream closes mid-way with an error event the SDK raises', async () => {
    script = { text: LONG_ANSWER, cutAfterBytes: 1_500 };
    let text = '';
    const stream = client.messages.stream(ask('Tell me about bread.'));
    stream.on('text', (delta) => (text += delta));
    await expect(stream.finalMessage()).rejects.toBeInstanceOf(Anthropic.APIError);
    expect(LONG_ANSWER.startsWith(text)).toBe(true);
  });

  it('answers a body without max_tokens with a 400 invalid_request_error', async () => {
    const res = await fetch(`${gateway.url}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': gateway.key, 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: 'claude-test', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error', code: 'REQUEST_INVALID_BODY' } });
  });

  it('cancels the upstream stream when the client goes away', async () => {
    script = { text: LONG_ANSWER, split: 40, gapMs: 10 };
    const controller = new AbortController();
    const stream = client.messages.stream(ask('Tell me about bread.'), { signal: controller.signal });
    stream.on('streamEvent', () => controller.abort());
    await stream.done().catch(() => undefined);
    await expect.poll(async () => gateway.metrics.registry.metrics(), { timeout: 5_000 }).toMatch(/outcome="client_abort"\} [1-9]/);
  });

  it('counts requests, decisions by stage and stream halts in /metrics', async () => {
    const metrics = await gateway.metrics.registry.metrics();
    expect(metrics).toMatch(/bulwark_gateway_requests_total\{wire="anthropic",stream="true",outcome="blocked_output"\} [1-9]/);
    expect(metrics).toMatch(/bulwark_guard_decisions_total\{source="gateway.input",decision="block",stage="classifier"\} [1-9]/);
    expect(metrics).toMatch(/bulwark_gateway_stream_halts_total\{wire="anthropic",reason="blocked_output"\} [1-9]/);
    expect(metrics).toMatch(/bulwark_gateway_upstream_seconds_count\{wire="anthropic",status="200"\} [1-9]/);
  });
});
