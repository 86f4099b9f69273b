import { z } from 'zod';
import { BulwarkError } from '../../core/errors.js';
import { formatSseEvent, type SseEvent } from '../sse.js';
import {
  contentText,
  definitionText,
  eventJson,
  isObject,
  joinTexts,
  jsonEvent,
  leafText,
  objectField,
  parseRequestBody,
  replaceLeaf,
  stringField,
  textLeaves,
  unreadKinds,
  type JsonObject,
  type TextLeaf,
} from './json-fields.js';
import type { CompletedResponse, ParsedRequest, StreamCodec, SyntheticResponse, WireError, WireFormat } from './wire-format.js';

// Only what the gateway reads is validated; every other field passes through to the upstream untouched.
const messageSchema = z.object({ role: z.string().min(1), content: z.unknown().optional() }).loose();
const requestSchema = z
  .object({
    model: z.string().min(1),
    messages: z.array(messageSchema).min(1),
    stream: z.boolean().nullish(),
    n: z.number().int().min(1).nullish(),
    user: z.string().max(256).nullish(),
    safety_identifier: z.string().max(256).nullish(),
    tools: z.unknown().optional(),
    functions: z.unknown().optional(),
    response_format: z.unknown().optional(),
    prediction: z.unknown().optional(),
  })
  .loose();

type OpenAiMessage = z.infer<typeof messageSchema>;

/** OpenAI's error `type` for an HTTP status, as its SDK maps them back to exception classes. */
export function openAiErrorType(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 429) return 'rate_limit_error';
  return status < 500 ? 'invalid_request_error' : 'api_error';
}

/** Text the model reads in one message: text parts, plus tool-call arguments fed back to it. */
function messageText(message: OpenAiMessage): string {
  const parts = [contentText(message.content, (block) => (block.type === 'refusal' ? stringField(block, 'refusal') : null))];
  const calls = (message as JsonObject).tool_calls;
  if (Array.isArray(calls)) for (const call of calls) if (isObject(call)) parts.push(...textLeaves(call.function).map((l) => l.text));
  const legacyCall = (message as JsonObject).function_call;
  if (isObject(legacyCall)) parts.push(...textLeaves(legacyCall).map((l) => l.text));
  return parts.filter((t) => t.length > 0).join('\n');
}

/** Content parts the model reads and the guard does not: images, audio and files (a PDF, say). */
const UNREAD_PARTS: Readonly<Record<string, string>> = { image_url: 'image', input_audio: 'audio', file: 'file' };

function unreadKindsOf(messages: readonly OpenAiMessage[]): string[] {
  const kinds = new Set<string>();
  for (const message of messages) {
    unreadKinds(message.content, (part) => (typeof part.type === 'string' ? (UNREAD_PARTS[part.type] ?? null) : null), () => undefined, kinds);
    // An earlier spoken answer, referred to by id.
    if (isObject((message as JsonObject).audio)) kinds.add('audio');
  }
  return [...kinds].sort();
}

/** What both OpenAI wire formats (Chat Completions and Responses) share: auth, the input refusal, errors. */
export function openAiUpstreamHeaders(apiKey: string | null): Record<string, string> {
  return apiKey === null ? {} : { authorization: `Bearer ${apiKey}` };
}

export function openAiInputBlocked(_request: ParsedRequest, message: string): SyntheticResponse {
  return { status: 400, json: { error: { message, type: 'invalid_request_error', param: null, code: 'content_filter' } } };
}

export function openAiErrorBody(error: WireError & { requestId: string }): unknown {
  return { error: { message: error.message, type: openAiErrorType(error.status), param: null, code: error.code, request_id: error.requestId } };
}

/** OpenAI Chat Completions (`POST /v1/chat/completions`), streaming and not. */
export const openAiWire: WireFormat = {
  id: 'openai',
  upstream: 'openai',
  path: '/v1/chat/completions',

  parseRequest(body: unknown): ParsedRequest {
    const request = parseRequestBody(requestSchema, body);
    const stream = request.stream === true;
    // Interleaved choices would interleave their texts too, and a rule match split across two choices
    // would never be seen whole; one choice per stream keeps the hold-back argument simple and true.
    if (stream && (request.n ?? 1) > 1) throw new BulwarkError('REQUEST_INVALID_BODY', 'the gateway streams one choice per request: n must be 1 with stream: true');
    const texts = request.messages.map(messageText);
    // Definitions the model is given are prompt text too: tools (and the legacy functions), a response
    // schema, and predicted output. They are classified ahead of the messages, like a system prompt.
    const prediction = isObject(request.prediction) ? contentText(request.prediction.content) : '';
    const definitions = joinTexts([definitionText(request.tools), definitionText(request.functions), definitionText(request.response_format), prediction]);
    const conversation = joinTexts([definitions, ...texts]);
    const isSystem = (m: OpenAiMessage) => m.role === 'system' || m.role === 'developer';
    const firstUser = request.messages.findIndex((m) => m.role === 'user');
    const lastAssistant = request.messages.findLastIndex((m) => m.role === 'assistant');
    const seed = joinTexts(texts.filter((_, i) => isSystem(request.messages[i]!) || i === firstUser));
    const latest = joinTexts(texts.filter((_, i) => i > lastAssistant && !isSystem(request.messages[i]!)));
    return {
      conversation,
      stream,
      model: request.model,
      latestTurn: latest,
      conversationSeed: seed,
      turns: request.messages.filter((m) => m.role === 'user').length,
      // `safety_identifier` is the newer name OpenAI gives the end-user id.
      account: request.safety_identifier ?? request.user ?? null,
      unread: unreadKindsOf(request.messages),
    };
  },

  upstreamHeaders: openAiUpstreamHeaders,
  inputBlocked: openAiInputBlocked,

  readCompleted(body: unknown): CompletedResponse {
    if (!isObject(body) || !Array.isArray(body.choices)) throw new Error('not a chat.completion object');
    const choices = body.choices as unknown[];
    const text = choices.map((choice) => (isObject(choice) ? leafText(textLeaves(choice.message)) ?? '' : '')).join('\n');
    return {
      text,
      refused: () => ({
        ...body,
        choices: choices.map((choice, i) => ({
          index: isObject(choice) && typeof choice.index === 'number' ? choice.index : i,
          message: { role: 'assistant', content: '', refusal: null },
          logprobs: null,
          finish_reason: 'content_filter',
        })),
      }),
    };
  },

  errorBody: openAiErrorBody,

  openStream(request: ParsedRequest): StreamCodec {
    return new OpenAiStreamCodec(request.model);
  },
};

/** `chat.completion.chunk` events ending with `data: [DONE]`. */
class OpenAiStreamCodec implements StreamCodec {
  private id = 'chatcmpl-bulwark';
  private created = Math.floor(Date.now() / 1000);

  constructor(private model: string) {}

  textOf(event: SseEvent): string | null {
    if (event.data === '' || event.data === '[DONE]') return null;
    const json = eventJson(event);
    if (json.error !== undefined) return null;
    if (!Array.isArray(json.choices)) throw new Error('chat.completion.chunk without choices');
    return leafText(this.leaves(json));
  }

  withText(event: SseEvent, text: string): SseEvent | null {
    const json = eventJson(event);
    const leaves = this.leaves(json);
    // Log probabilities repeat the tokens: an event carrying them is released whole or not at all.
    const choice = (json.choices as unknown[])[0];
    if (leaves.length !== 1 || (isObject(choice) && choice.logprobs != null)) return null;
    return jsonEvent(replaceLeaf(json, leaves[0]!.path, text), event.event);
  }

  isTerminal(event: SseEvent): boolean {
    return event.data === '[DONE]';
  }

  noteSeen(event: SseEvent): void {
    if (event.data === '' || event.data === '[DONE]') return;
    const json = eventJson(event);
    this.id = stringField(json, 'id') ?? this.id;
    this.model = stringField(json, 'model') ?? this.model;
    if (typeof json.created === 'number') this.created = json.created;
  }

  noteReleased(): void {}

  haltFrames(): string {
    const chunk = {
      id: this.id,
      object: 'chat.completion.chunk',
      created: this.created,
      model: this.model,
      choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: 'content_filter' }],
    };
    return formatSseEvent(JSON.stringify(chunk)) + formatSseEvent('[DONE]');
  }

  errorFrames(error: WireError): string {
    // The SDK raises APIError for a data event carrying `error` (openai/core/streaming).
    return formatSseEvent(JSON.stringify({ error: { message: error.message, type: openAiErrorType(error.status), param: null, code: error.code } }));
  }

  private leaves(json: JsonObject): TextLeaf[] {
    const choices = json.choices as unknown[];
    const out: TextLeaf[] = [];
    for (let i = 0; i < choices.length; i += 1) {
      const choice = choices[i];
      if (isObject(choice)) textLeaves(objectField(choice, 'delta'), ['choices', i, 'delta'], out);
    }
    return out;
  }
}
