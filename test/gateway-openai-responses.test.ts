import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CANARY, startGatewayServer, UPSTREAM_SECRET, type GatewayServer } from './kit/gateway-harness.js';
import type { UpstreamDouble } from './kit/upstream-double.js';
import { tokenize } from './kit/upstream-openai.js';
import { responseObject, startResponsesUpstream, type ResponsesScript } from './kit/upstream-openai-responses.js';

// The official OpenAI SDK's Responses API (`client.responses.create`) against the gateway on a real
// socket, and the gateway against a double speaking the Responses wire format (its event stream
// repeats each text whole after the deltas). The canary stands in for a flagged span.
let upstream: UpstreamDouble;
let gateway: GatewayServer;
let client: OpenAI;
let script: ResponsesScript;

const ANSWER = 'Tomatoes like full sun, deep watering twice a week, and a stake or cage once they pass knee height. ';
const LONG_ANSWER = ANSWER.repeat(8);

beforeAll(async () => {
  upstream = await startResponsesUpstream(() => script);
  gateway = await startGatewayServer({ openai: upstream.url });
  client = new OpenAI({ apiKey: gateway.key, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
});
afterAll(async () => {
  await gateway.close();
  await upstream.close();
});
beforeEach(() => {
  script = { text: ANSWER };
});

const ask = (input: string) => ({ model: 'gpt-test', instructions: 'You are a gardener.', input });

async function collect(stream: AsyncIterable<OpenAI.Responses.ResponseStreamEvent>): Promise<{ events: OpenAI.Responses.ResponseStreamEvent[]; text: string }> {
  const events: OpenAI.Responses.ResponseStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  const text = events.map((e) => (e.type === 'response.output_text.delta' ? e.delta : '')).join('');
  return { events, text };
}

describe('openai responses through the gateway', () => {
  it('round-trips an allowed request unchanged, on the openai upstream with the gateway credential', async () => {
    const { data, response } = await client.responses.create({ ...ask('How do I grow tomatoes?'), temperature: 0.2 }).withResponse();
    expect(data).toMatchObject(responseObject({ model: 'gpt-test', instructions: 'You are a gardener.' }, ANSWER));
    expect(data.output_text).toBe(ANSWER);
    expect(response.headers.get('x-bulwark-decision')).toBe('allow');
    expect(upstream.last.url).toBe('/v1/responses');
    expect(upstream.last.json?.temperature).toBe(0.2);
    expect(upstream.last.headers.authorization).toBe(`Bearer ${UPSTREAM_SECRET}`);
  });

  it('streams an allowed answer complete, every event in order, ending with response.completed', async () => {
    script = { text: LONG_ANSWER, split: 7 };
    const { events, text } = await collect(await client.responses.create({ ...ask('Tell me about tomatoes.'), stream: true }));
    expect(text).toBe(LONG_ANSWER);
    expect(events.filter((e) => e.type === 'response.output_text.delta')).toHaveLength(tokenize(LONG_ANSWER).length);
    expect(events.map((e) => e.sequence_number)).toEqual([...events.keys()]);
    const last = events.at(-1)!;
    expect(last.type).toBe('response.completed');
    const output = last.type === 'response.completed' ? last.response.output[0] : undefined;
    expect(output?.type === 'message' && output.content[0]?.type === 'output_text' && output.content[0].text).toBe(LONG_ANSWER);
  });

  it('refuses blocked input with BadRequestError code content_filter, before any upstream call', async () => {
    const before = upstream.requests.length;
    const error = await client.responses.create(ask(`Please repeat ${CANARY}`)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error).toMatchObject({ status: 400, code: 'content_filter', type: 'invalid_request_error' });
    // Also when the request hides in a function call's output fed back to the model.
    const input: OpenAI.Responses.ResponseInput = [
      { role: 'user', content: 'Look it up.' },
      { type: 'function_call', call_id: 'c1', name: 'lookup', arguments: '{}' },
      { type: 'function_call_output', call_id: 'c1', output: `Result: ${CANARY}` },
    ];
    await expect(client.responses.create({ model: 'gpt-test', input })).rejects.toMatchObject({ status: 400, code: 'content_filter' });
    expect(upstream.requests.length).toBe(before);
  });

  it('refuses what it cannot read: stored history, images; and background responses', async () => {
    const before = upstream.requests.length;
    await expect(client.responses.create({ ...ask('And then?'), previous_response_id: 'resp_earlier' })).rejects.toMatchObject({ status: 400, code: 'GATEWAY_CONTENT_UNREAD', message: expect.stringContaining('stored conversation') });
    const image: OpenAI.Responses.ResponseInput = [{ role: 'user', content: [{ type: 'input_text', text: 'What is this?' }, { type: 'input_image', image_url: 'https://example.test/a.png', detail: 'auto' }] }];
    await expect(client.responses.create({ model: 'gpt-test', input: image })).rejects.toMatchObject({ status: 400, code: 'GATEWAY_CONTENT_UNREAD' });
    await expect(client.responses.create({ ...ask('Write a poem.'), background: true })).rejects.toMatchObject({ status: 400, code: 'REQUEST_INVALID_BODY' });
    expect(upstream.requests.length).toBe(before);
  });

  it('withholds a whole answer that turns harmful: status incomplete, content_filter, no output', async () => {
    script = { text: `${ANSWER}Now the secret: ${CANARY}. ${ANSWER}` };
    const { data, response } = await client.responses.create(ask('Tell me a story.')).withResponse();
    expect(data).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'content_filter' }, output: [] });
    expect(JSON.stringify(data)).not.toContain(CANARY);
    expect(response.headers.get('x-bulwark-decision')).toBe('block');
  });

  it('halts a stream that turns harmful with response.incomplete, and no byte of the canary reaches the client', async () => {
    for (const split of [1, 3, 64]) {
      script = { text: `${LONG_ANSWER}Now the secret: ${CANARY}. ${LONG_ANSWER}`, split };
      const stream = await client.responses.create({ ...ask('Tell me a story.'), stream: true });
      const raw: string[] = [];
      const { events, text } = await collect(
        (async function* () {
          for await (const event of stream) {
            raw.push(JSON.stringify(event));
            yield event;
          }
        })(),
      );
      const last = events.at(-1)!;
      expect(last.type, `split ${split}`).toBe('response.incomplete');
      expect(last.type === 'response.incomplete' && last.response.incomplete_details?.reason).toBe('content_filter');
      expect(raw.join('')).not.toContain('XYZZY');
      expect(text.startsWith(ANSWER.slice(0, 40))).toBe(true);
      expect(events.some((e) => e.type === 'response.output_text.done' || e.type === 'response.completed')).toBe(false);
    }
  });
});
