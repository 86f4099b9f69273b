import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANARY, startGatewayServer, type GatewayServer } from './kit/gateway-harness.js';
import { startAnthropicUpstream } from './kit/upstream-anthropic.js';
import type { UpstreamDouble } from './kit/upstream-double.js';
import { startOpenAiUpstream } from './kit/upstream-openai.js';

// Content the guard cannot read (images, audio, files, base64 or URL documents) is refused by default
// (gateway.unreadContent: refuse): a request written into an image would otherwise reach the model
// unclassified. With `pass` it is forwarded and the decision records what went unread. Official SDKs
// against the gateway, the gateway against wire-format doubles. The image bytes are a placeholder.
const ANSWER = 'A short, harmless answer about gardens. ';
const PIXEL = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

let openaiUpstream: UpstreamDouble;
let anthropicUpstream: UpstreamDouble;
let refusing: GatewayServer;
let passing: GatewayServer;

beforeAll(async () => {
  openaiUpstream = await startOpenAiUpstream(() => ({ text: ANSWER }));
  anthropicUpstream = await startAnthropicUpstream(() => ({ text: ANSWER }));
  refusing = await startGatewayServer({ openai: openaiUpstream.url, anthropic: anthropicUpstream.url });
  passing = await startGatewayServer({ openai: openaiUpstream.url, anthropic: anthropicUpstream.url, overrides: { gateway: { unreadContent: 'pass' } } });
});
afterAll(async () => {
  await refusing.close();
  await passing.close();
  await openaiUpstream.close();
  await anthropicUpstream.close();
});

const openai = (gateway: GatewayServer) => new OpenAI({ apiKey: gateway.key, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
const anthropic = (gateway: GatewayServer) => new Anthropic({ apiKey: gateway.key, baseURL: gateway.url, maxRetries: 0 });

const openAiParts = {
  image: { type: 'image_url' as const, image_url: { url: `data:image/png;base64,${PIXEL}` } },
  audio: { type: 'input_audio' as const, input_audio: { data: PIXEL, format: 'wav' as const } },
  file: { type: 'file' as const, file: { file_data: `data:application/pdf;base64,${PIXEL}`, filename: 'notes.pdf' } },
};

function openAiAsk(...parts: OpenAI.ChatCompletionContentPart[]): OpenAI.ChatCompletionCreateParamsNonStreaming {
  return { model: 'gpt-test', messages: [{ role: 'user', content: [{ type: 'text', text: 'What is in this?' }, ...parts] }] };
}

const image: Anthropic.ImageBlockParam = { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PIXEL } };
const pdf: Anthropic.DocumentBlockParam = { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: PIXEL } };

function anthropicAsk(...blocks: Anthropic.ContentBlockParam[]): Anthropic.MessageCreateParamsNonStreaming {
  return { model: 'claude-test', max_tokens: 256, messages: [{ role: 'user', content: [{ type: 'text', text: 'What is in this?' }, ...blocks] }] };
}

describe('content the guard cannot read: refused by default', () => {
  it('refuses OpenAI image, audio and file parts with a 400 naming them, before any upstream call', async () => {
    const before = openaiUpstream.requests.length;
    for (const [kind, part] of Object.entries(openAiParts)) {
      const error = await openai(refusing).chat.completions.create(openAiAsk(part)).catch((e: unknown) => e);
      expect(error, kind).toBeInstanceOf(OpenAI.BadRequestError);
      expect(error).toMatchObject({ status: 400, code: 'GATEWAY_CONTENT_UNREAD', type: 'invalid_request_error' });
      expect((error as Error).message).toContain(`(${kind})`);
    }
    const streaming = await openai(refusing).chat.completions.create({ ...openAiAsk(openAiParts.image, openAiParts.audio), stream: true }).catch((e: unknown) => e);
    expect(streaming).toMatchObject({ status: 400, code: 'GATEWAY_CONTENT_UNREAD' });
    expect((streaming as Error).message).toContain('(audio, image)');
    expect(openaiUpstream.requests.length).toBe(before);
  });

  it('refuses Anthropic images and base64 documents, also inside a tool result', async () => {
    const before = anthropicUpstream.requests.length;
    for (const blocks of [[image], [pdf]]) {
      const error = await anthropic(refusing).messages.create(anthropicAsk(...blocks)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Anthropic.BadRequestError);
      expect(error).toMatchObject({ status: 400, error: { type: 'error', error: { type: 'invalid_request_error', code: 'GATEWAY_CONTENT_UNREAD' } } });
    }
    const toolTurn: Anthropic.MessageCreateParamsNonStreaming = {
      model: 'claude-test',
      max_tokens: 256,
      messages: [
        { role: 'user', content: 'Take a screenshot.' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'tu_1', name: 'screenshot', input: {} }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'tu_1', content: [image] }] },
      ],
    };
    await expect(anthropic(refusing).messages.create(toolTurn)).rejects.toMatchObject({ status: 400, error: { error: { code: 'GATEWAY_CONTENT_UNREAD', message: expect.stringContaining('(image)') } } });
    expect(anthropicUpstream.requests.length).toBe(before);
  });

  it('still forwards text documents, which the guard reads, and classifies them', async () => {
    const textDocument: Anthropic.DocumentBlockParam = { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'Notes on watering tomatoes.' } };
    const { response } = await anthropic(refusing).messages.create(anthropicAsk(textDocument)).withResponse();
    expect(response.headers.get('x-bulwark-decision')).toBe('allow');
    const canaryDocument: Anthropic.DocumentBlockParam = { ...textDocument, source: { type: 'text', media_type: 'text/plain', data: `Repeat ${CANARY}` } };
    const refused = await anthropic(refusing).messages.create(anthropicAsk(canaryDocument));
    expect(refused.stop_reason).toBe('refusal');
  });
});

describe('content the guard cannot read, with gateway.unreadContent: pass', () => {
  it('forwards it, classifies the text beside it, and records what went unread', async () => {
    const { response } = await openai(passing).chat.completions.create(openAiAsk(openAiParts.image, openAiParts.file)).withResponse();
    expect(response.headers.get('x-bulwark-decision')).toBe('allow');
    expect(openaiUpstream.last.json?.messages).toEqual(openAiAsk(openAiParts.image, openAiParts.file).messages);
    const input = (await passing.store.decisions.list({ limit: 2 })).find((d) => d.source === 'gateway.input');
    expect(input).toMatchObject({ decision: 'allow', details: { unread: ['file', 'image'] } });

    // The text beside an image is still guarded.
    const blocked = await anthropic(passing).messages.create({ ...anthropicAsk(image), messages: [{ role: 'user', content: [image, { type: 'text', text: `Repeat ${CANARY}` }] }] });
    expect(blocked.stop_reason).toBe('refusal');
  });
});
