import { z } from 'zod';
import { newId } from '../../core/ids.js';
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

/** The API version sent upstream when the client did not name one (the SDKs always do). */
export const DEFAULT_ANTHROPIC_VERSION = '2023-06-01';

const requestSchema = z
  .object({
    model: z.string().min(1),
    max_tokens: z.number().int().min(1),
    messages: z.array(z.object({ role: z.string().min(1), content: z.unknown() }).loose()).min(1),
    system: z.unknown().optional(),
    tools: z.unknown().optional(),
    stream: z.boolean().nullish(),
    metadata: z.object({ user_id: z.string().max(256).nullish() }).loose().nullish(),
  })
  .loose();

/** Anthropic's error `type` for an HTTP status (docs.anthropic.com/en/api/errors). */
function errorType(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 413) return 'request_too_large';
  if (status === 429) return 'rate_limit_error';
  if (status === 529) return 'overloaded_error';
  return status < 500 ? 'invalid_request_error' : 'api_error';
}

/** Tool results fed back to the model are text it reads, so they are classified like messages. */
/**
 * The text the model reads in a non-text block: tool calls and results, and documents and search
 * results given as text (title, context, and a text or content source). Base64 PDFs, images and URL
 * sources are not text here and are not classified (docs/gateway.md, known limits).
 */
function nestedText(block: JsonObject): string | null {
  if (block.type === 'tool_result') return contentText(block.content, nestedText);
  if (block.type === 'tool_use') return leafText(textLeaves(block.input));
  if (block.type === 'document') {
    const source = objectField(block, 'source');
    const body = source?.type === 'text' ? stringField(source, 'data') : source?.type === 'content' ? contentText(source.content, nestedText) : null;
    return joinTexts([stringField(block, 'title') ?? '', stringField(block, 'context') ?? '', body ?? '']);
  }
  if (block.type === 'search_result') return joinTexts([stringField(block, 'title') ?? '', contentText(block.content, nestedText)]);
  // Earlier assistant turns come from the client, which can write them: their reasoning is read too.
  if (block.type === 'thinking') return stringField(block, 'thinking');
  return null;
}

/** Image blocks, and documents whose source is base64, a URL or a file id (a PDF the model reads, the guard not). */
function unreadKind(block: JsonObject): string | null {
  if (block.type === 'image') return 'image';
  if (block.type === 'document') {
    const source = objectField(block, 'source')?.type;
    return source === 'text' || source === 'content' ? null : 'document';
  }
  if (block.type === 'container_upload') return 'file';
  return null;
}

function nestedContent(block: JsonObject): unknown {
  if (block.type === 'tool_result' || block.type === 'search_result') return block.content;
  if (block.type === 'document') return objectField(block, 'source')?.content;
  return undefined;
}

function emptyMessage(id: string, model: string, stopReason: string | null): JsonObject {
  return {
    id,
    type: 'message',
    role: 'assistant',
    model,
    content: [],
    stop_reason: stopReason,
    stop_sequence: null,
    usage: { input_tokens: 0, output_tokens: 0 },
  };
}

function refusalStream(id: string, model: string): string {
  return (
    formatSseEvent(JSON.stringify({ type: 'message_start', message: emptyMessage(id, model, null) }), 'message_start') +
    refusalEnding(0)
  );
}

function refusalEnding(outputTokens: number): string {
  const delta = { type: 'message_delta', delta: { stop_reason: 'refusal', stop_sequence: null }, usage: { output_tokens: outputTokens } };
  return formatSseEvent(JSON.stringify(delta), 'message_delta') + formatSseEvent(JSON.stringify({ type: 'message_stop' }), 'message_stop');
}

/** Anthropic Messages (`POST /v1/messages`), streaming and not. */
export const anthropicWire: WireFormat = {
  id: 'anthropic',
  upstream: 'anthropic',
  path: '/v1/messages',

  parseRequest(body: unknown): ParsedRequest {
    const request = parseRequestBody(requestSchema, body);
    const system = contentText(request.system, nestedText);
    // Tool definitions are prompt text the model reads: classified after the system prompt, but kept out
    // of the conversation seed, so an agent that changes its tools between turns keeps one conversation.
    const tools = definitionText(request.tools);
    const texts = request.messages.map((m) => contentText(m.content, nestedText));
    const firstUser = request.messages.findIndex((m) => m.role === 'user');
    const lastAssistant = request.messages.findLastIndex((m) => m.role === 'assistant');
    return {
      conversation: joinTexts([system, tools, ...texts]),
      stream: request.stream === true,
      model: request.model,
      latestTurn: joinTexts(texts.slice(lastAssistant + 1)),
      conversationSeed: joinTexts([system, firstUser >= 0 ? texts[firstUser]! : '']),
      turns: request.messages.filter((m) => m.role === 'user').length,
      account: request.metadata?.user_id ?? null,
      unread: [...request.messages.reduce((kinds, m) => unreadKinds(m.content, unreadKind, nestedContent, kinds), unreadKinds(request.system, unreadKind, nestedContent))].sort(),
    };
  },

  upstreamHeaders(apiKey: string | null, clientHeaders: Readonly<Record<string, string>>): Record<string, string> {
    const headers: Record<string, string> = {};
    if (apiKey !== null) headers['x-api-key'] = apiKey;
    if (!clientHeaders['anthropic-version']) headers['anthropic-version'] = DEFAULT_ANTHROPIC_VERSION;
    return headers;
  },

  inputBlocked(request: ParsedRequest): SyntheticResponse {
    // Anthropic signals a refusal as a successful message with stop_reason "refusal" and no content.
    const id = newId('msg_bulwark');
    if (request.stream) return { status: 200, sse: refusalStream(id, request.model) };
    return { status: 200, json: emptyMessage(id, request.model, 'refusal') };
  },

  readCompleted(body: unknown): CompletedResponse {
    if (!isObject(body) || body.type !== 'message' || !Array.isArray(body.content)) throw new Error('not a message object');
    return {
      text: leafText(textLeaves(body.content)) ?? '',
      refused: () => ({ ...body, content: [], stop_reason: 'refusal', stop_sequence: null }),
    };
  },

  errorBody(error: WireError & { requestId: string }): unknown {
    return { type: 'error', error: { type: errorType(error.status), message: error.message, code: error.code }, request_id: error.requestId };
  },

  openStream(request: ParsedRequest): StreamCodec {
    return new AnthropicStreamCodec(request.model);
  },
};

/** `message_start` … `content_block_*` … `message_delta` … `message_stop`, each as `event:` + `data:`. */
class AnthropicStreamCodec implements StreamCodec {
  private messageId = newId('msg_bulwark');
  private outputTokens = 0;
  private started = false;
  private openBlock: number | null = null;

  constructor(private model: string) {}

  textOf(event: SseEvent): string | null {
    if (event.data === '') return null;
    return leafText(this.leaves(event));
  }

  withText(event: SseEvent, text: string): SseEvent | null {
    const leaves = this.leaves(event);
    if (leaves.length !== 1) return null;
    return jsonEvent(replaceLeaf(eventJson(event), leaves[0]!.path, text), event.event);
  }

  isTerminal(event: SseEvent): boolean {
    return event.event === 'message_stop';
  }

  noteSeen(event: SseEvent): void {
    if (event.data === '') return;
    const json = eventJson(event);
    const message = objectField(json, 'message');
    if (json.type === 'message_start' && message) {
      this.messageId = stringField(message, 'id') ?? this.messageId;
      this.model = stringField(message, 'model') ?? this.model;
    }
    const usage = objectField(json, 'usage') ?? (message && objectField(message, 'usage'));
    if (usage && typeof usage.output_tokens === 'number') this.outputTokens = usage.output_tokens;
  }

  noteReleased(event: SseEvent): void {
    if (event.event === 'message_start') this.started = true;
    else if (event.event === 'content_block_start') this.openBlock = numberOr(eventJson(event).index, 0);
    else if (event.event === 'content_block_stop') this.openBlock = null;
  }

  haltFrames(): string {
    let frames = '';
    if (!this.started) {
      frames += formatSseEvent(JSON.stringify({ type: 'message_start', message: emptyMessage(this.messageId, this.model, null) }), 'message_start');
    }
    if (this.openBlock !== null) {
      frames += formatSseEvent(JSON.stringify({ type: 'content_block_stop', index: this.openBlock }), 'content_block_stop');
    }
    return frames + refusalEnding(this.outputTokens);
  }

  errorFrames(error: WireError): string {
    const body = { type: 'error', error: { type: errorType(error.status), message: error.message } };
    return formatSseEvent(JSON.stringify(body), 'error');
  }

  /** Model output lives under `message.content`, `content_block` and `delta`; other fields are protocol. */
  private leaves(event: SseEvent): TextLeaf[] {
    const json = eventJson(event);
    if (json.type === 'error' || json.type === 'ping') return [];
    const out: TextLeaf[] = [];
    const message = objectField(json, 'message');
    if (message) textLeaves(message.content, ['message', 'content'], out);
    textLeaves(json.content_block, ['content_block'], out);
    if (json.type === 'content_block_delta') textLeaves(json.delta, ['delta'], out);
    return out;
  }
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}
