import { z } from 'zod';
import { BulwarkError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { formatSseEvent, type SseEvent } from '../sse.js';
import { definitionText, eventJson, isObject, joinTexts, jsonEvent, parseRequestBody, replaceLeaf, stringField, textLeaves, type JsonObject } from './json-fields.js';
import { openAiErrorBody, openAiInputBlocked, openAiUpstreamHeaders } from './openai.js';
import type { CompletedResponse, ParsedRequest, StreamCodec, WireError, WireFormat } from './wire-format.js';

// Only what the gateway reads is validated; every other field passes through to the upstream untouched.
const requestSchema = z
  .object({
    model: z.string().min(1),
    input: z.union([z.string(), z.array(z.unknown())]).optional(),
    instructions: z.string().nullish(),
    tools: z.unknown().optional(),
    text: z.unknown().optional(),
    stream: z.boolean().nullish(),
    background: z.boolean().nullish(),
    user: z.string().max(256).nullish(),
    safety_identifier: z.string().max(256).nullish(),
    previous_response_id: z.string().nullish(),
    conversation: z.unknown().optional(),
    prompt: z.unknown().optional(),
  })
  .loose();

/** Content parts the model reads and the guard does not. */
const UNREAD_PARTS: Readonly<Record<string, string>> = { input_image: 'image', input_file: 'file', input_audio: 'audio' };

/**
 * Input items whose text the guard reads. Any other item type (a screenshot of a computer call, a
 * provider-run search or code call echoed back, a type added later) is content the guard did not read,
 * and is refused unless `gateway.unreadContent: pass`: failing closed on what this adapter does not know.
 */
const READ_ITEMS = new Set(['message', 'function_call', 'function_call_output', 'custom_tool_call', 'custom_tool_call_output', 'reasoning']);

/** Content parts that are text: read. Any other part type is content the guard did not read. */
const TEXT_PARTS = new Set(['input_text', 'output_text', 'text', 'refusal']);

/** The text in a content value (a string, or parts), adding the kinds it cannot read to `unread`. */
function partsText(content: unknown, unread: Set<string>): string {
  if (typeof content === 'string') return content;
  if (content === undefined || content === null) return '';
  if (!Array.isArray(content)) {
    unread.add('content');
    return '';
  }
  const texts: string[] = [];
  for (const part of content) {
    const type = isObject(part) && typeof part.type === 'string' ? part.type : null;
    if (type !== null && TEXT_PARTS.has(type)) texts.push(stringField(part as JsonObject, 'text') ?? stringField(part as JsonObject, 'refusal') ?? '');
    else unread.add(type === null ? 'content' : (UNREAD_PARTS[type] ?? `part ${type.slice(0, 64)}`));
  }
  return joinTexts(texts);
}

/** One input item's text (what the model reads of it). */
function itemText(item: JsonObject, unread: Set<string>): string {
  const type = typeof item.type === 'string' ? item.type : 'message';
  if (type === 'item_reference') {
    unread.add('stored item');
    return '';
  }
  if (!READ_ITEMS.has(type)) {
    unread.add(`item ${type.slice(0, 64)}`);
    return '';
  }
  switch (type) {
    case 'message':
      return partsText(item.content, unread);
    case 'function_call':
      return joinTexts([stringField(item, 'name') ?? '', stringField(item, 'arguments') ?? '']);
    case 'custom_tool_call':
      return joinTexts([stringField(item, 'name') ?? '', stringField(item, 'input') ?? '']);
    case 'reasoning':
      return joinTexts(textLeaves([item.summary, item.content]).map((leaf) => leaf.text));
    default: // function_call_output, custom_tool_call_output
      return partsText(item.output, unread);
  }
}

/** Items the model produced (its messages, calls and reasoning); what follows the last one is the new turn. */
function isModelItem(item: JsonObject): boolean {
  if (item.role === 'assistant') return true;
  const type = typeof item.type === 'string' ? item.type : 'message';
  return type !== 'message' && type !== 'item_reference' && !type.endsWith('_output');
}

/** OpenAI Responses (`POST /v1/responses`), streaming and not. */
export const openAiResponsesWire: WireFormat = {
  id: 'openai-responses',
  upstream: 'openai',
  path: '/v1/responses',

  parseRequest(body: unknown): ParsedRequest {
    const request = parseRequestBody(requestSchema, body);
    // Its output is fetched later (GET /v1/responses/{id}) straight from the provider, past the stream guard.
    if (request.background === true) throw new BulwarkError('REQUEST_INVALID_BODY', 'the gateway cannot guard a background response: its output is fetched later, past the gateway');
    const unread = new Set<string>();
    // History kept on the provider's side is history the guard cannot classify.
    if (request.previous_response_id != null || request.conversation != null) unread.add('stored conversation');
    if (request.prompt != null) unread.add('stored prompt');
    const listed = typeof request.input === 'string' ? [{ role: 'user', content: request.input }] : (request.input ?? []);
    // Anything in the list that is not an item is something this adapter cannot read.
    if (listed.some((item) => !isObject(item))) unread.add('content');
    const items = listed.filter((item): item is JsonObject => isObject(item));
    const texts = items.map((item) => itemText(item, unread));
    const instructions = request.instructions ?? '';
    const definitions = joinTexts([definitionText(request.tools), definitionText(request.text)]);
    const firstUser = items.findIndex((item) => item.role === 'user');
    const lastModel = items.findLastIndex(isModelItem);
    return {
      conversation: joinTexts([instructions, definitions, ...texts]),
      stream: request.stream === true,
      model: request.model,
      latestTurn: joinTexts(texts.slice(lastModel + 1)),
      conversationSeed: joinTexts([instructions, firstUser >= 0 ? texts[firstUser]! : '']),
      turns: items.filter((item) => item.role === 'user').length,
      account: request.safety_identifier ?? request.user ?? null,
      unread: [...unread].sort(),
    };
  },

  upstreamHeaders: openAiUpstreamHeaders,
  inputBlocked: openAiInputBlocked,

  readCompleted(body: unknown): CompletedResponse {
    if (!isObject(body) || body.object !== 'response' || !Array.isArray(body.output)) throw new Error('not a response object');
    const text = joinTexts((body.output as unknown[]).flatMap((item) => (isObject(item) ? outputItemTexts(item).map((t) => t.text) : [])));
    return {
      text,
      refused: () => ({ ...body, status: 'incomplete', incomplete_details: { reason: 'content_filter' }, output: [] }),
    };
  },

  errorBody: openAiErrorBody,

  openStream(request: ParsedRequest): StreamCodec {
    return new ResponsesStreamCodec(request.model);
  },
};

/** One piece of output text and where it belongs: deltas and the events that repeat them share a key. */
interface KeyedText {
  readonly key: string;
  readonly text: string;
}

/** Protocol fields of Responses events and items: ids, indexes, states. */
const META_KEYS = new Set(['type', 'id', 'item_id', 'call_id', 'status', 'role', 'object', 'sequence_number', 'output_index', 'content_index', 'summary_index', 'obfuscation', 'model', 'logprobs', 'encrypted_content']);

/** The output texts of an output item, keyed as their deltas are. Unknown item types: every non-protocol string. */
function outputItemTexts(item: JsonObject): KeyedText[] {
  const id = stringField(item, 'id') ?? '';
  const out: KeyedText[] = [];
  const add = (key: string, text: string | null) => {
    if (text) out.push({ key: `${id}:${key}`, text });
  };
  switch (item.type) {
    case 'message':
      if (Array.isArray(item.content)) item.content.forEach((part, i) => isObject(part) && add(partKey(i, part), stringField(part, 'text') ?? stringField(part, 'refusal')));
      break;
    case 'function_call':
      add('arguments', stringField(item, 'arguments'));
      break;
    case 'custom_tool_call':
      add('input', stringField(item, 'input'));
      break;
    case 'reasoning':
      if (Array.isArray(item.summary)) item.summary.forEach((part, i) => isObject(part) && add(`s${i}`, stringField(part, 'text')));
      if (Array.isArray(item.content)) item.content.forEach((part, i) => isObject(part) && add(`r${i}`, stringField(part, 'text')));
      break;
    default:
      for (const leaf of textLeaves(item)) if (!META_KEYS.has(String(leaf.path.at(-1)))) add(`other:${leaf.path.join('.')}`, leaf.text);
  }
  return out;
}

function partKey(index: number, part: JsonObject): string {
  return `${index}:${part.type === 'refusal' ? 'refusal' : 'text'}`;
}

/** Delta events: the event type and how its text is keyed. */
const DELTA_KEYS: Readonly<Record<string, (json: JsonObject) => string>> = {
  'response.output_text.delta': (j) => `${String(j.content_index)}:text`,
  'response.refusal.delta': (j) => `${String(j.content_index)}:refusal`,
  'response.function_call_arguments.delta': () => 'arguments',
  'response.custom_tool_call_input.delta': () => 'input',
  'response.reasoning_summary_text.delta': (j) => `s${String(j.summary_index)}`,
  'response.reasoning_text.delta': (j) => `r${String(j.content_index)}`,
};

/** Events that repeat a whole text after its deltas: the field holding it, and the key. */
const DONE_FIELDS: Readonly<Record<string, [field: string, key: (json: JsonObject) => string]>> = {
  'response.output_text.done': ['text', (j) => `${String(j.content_index)}:text`],
  'response.refusal.done': ['refusal', (j) => `${String(j.content_index)}:refusal`],
  'response.function_call_arguments.done': ['arguments', () => 'arguments'],
  'response.custom_tool_call_input.done': ['input', () => 'input'],
  'response.reasoning_summary_text.done': ['text', (j) => `s${String(j.summary_index)}`],
  'response.reasoning_text.done': ['text', (j) => `r${String(j.content_index)}`],
};

const TERMINAL_TYPES = new Set(['response.completed', 'response.incomplete', 'response.failed', 'error']);

/**
 * Responses streams (`event: response.*` with a JSON `data`, numbered by `sequence_number`). Text
 * arrives as deltas and is then repeated whole by `*.done`, `content_part.done`, `output_item.done` and
 * `response.completed`. A repeat that equals the deltas already seen carries no new text (the stream
 * guard has had all of it); one that differs, or has no deltas before it, is returned whole as new text,
 * so nothing the client receives goes unclassified.
 */
class ResponsesStreamCodec implements StreamCodec {
  private id = newId('resp_bulwark');
  private createdAt = Math.floor(Date.now() / 1000);
  private lastSequence = -1;
  /** Text per key from the deltas seen, and the highest sequence number already counted. */
  private readonly seen = new Map<string, string>();
  private counted = -1;

  constructor(private model: string) {}

  textOf(event: SseEvent): string | null {
    if (event.data === '') return null;
    const json = eventJson(event);
    const type = json.type;
    if (typeof type !== 'string') throw new Error('responses stream event without a type');
    const itemId = stringField(json, 'item_id') ?? '';
    const deltaKey = DELTA_KEYS[type];
    if (deltaKey !== undefined) {
      const delta = stringField(json, 'delta') ?? '';
      this.count(json, `${itemId}:${deltaKey(json)}`, delta);
      return delta === '' ? null : delta;
    }
    const done = DONE_FIELDS[type];
    if (done !== undefined) return this.unseen([{ key: `${itemId}:${done[1](json)}`, text: stringField(json, done[0]) ?? '' }]);
    if (type === 'error') return null;
    if (type === 'response.content_part.added' || type === 'response.content_part.done') {
      const part = isObject(json.part) ? json.part : {};
      return this.unseen([{ key: `${itemId}:${partKey(Number(json.content_index), part)}`, text: stringField(part, 'text') ?? stringField(part, 'refusal') ?? '' }]);
    }
    if (type === 'response.reasoning_summary_part.added' || type === 'response.reasoning_summary_part.done') {
      const part = isObject(json.part) ? json.part : {};
      return this.unseen([{ key: `${itemId}:s${String(json.summary_index)}`, text: stringField(part, 'text') ?? '' }]);
    }
    if (type === 'response.output_item.added' || type === 'response.output_item.done') return this.unseen(isObject(json.item) ? outputItemTexts(json.item) : []);
    if (isObject(json.response)) {
      const output = Array.isArray(json.response.output) ? json.response.output : [];
      return this.unseen(output.flatMap((item) => (isObject(item) ? outputItemTexts(item) : [])));
    }
    // Anything else (search progress, annotations, a type added later): every non-protocol string is text.
    const leaves = textLeaves(json).filter((leaf) => !META_KEYS.has(String(leaf.path.at(-1))));
    return leaves.length === 0 ? null : leaves.map((leaf) => leaf.text).join('');
  }

  withText(event: SseEvent, text: string): SseEvent | null {
    const json = eventJson(event);
    if (typeof json.type !== 'string' || DELTA_KEYS[json.type] === undefined) return null;
    // Log probabilities repeat the tokens: an event carrying them is released whole or not at all.
    if (Array.isArray(json.logprobs) && json.logprobs.length > 0) return null;
    return jsonEvent(replaceLeaf(json, ['delta'], text), event.event);
  }

  isTerminal(event: SseEvent): boolean {
    if (event.data === '') return false;
    const type = eventJson(event).type;
    return typeof type === 'string' && TERMINAL_TYPES.has(type);
  }

  noteSeen(event: SseEvent): void {
    if (event.data === '') return;
    const json = eventJson(event);
    if (typeof json.sequence_number === 'number') this.lastSequence = Math.max(this.lastSequence, json.sequence_number);
    const response = isObject(json.response) ? json.response : null;
    if (response !== null) {
      this.id = stringField(response, 'id') ?? this.id;
      this.model = stringField(response, 'model') ?? this.model;
      if (typeof response.created_at === 'number') this.createdAt = response.created_at;
    }
  }

  noteReleased(): void {}

  haltFrames(): string {
    const response = {
      id: this.id,
      object: 'response',
      created_at: this.createdAt,
      status: 'incomplete',
      error: null,
      incomplete_details: { reason: 'content_filter' },
      model: this.model,
      output: [],
      usage: null,
    };
    return formatSseEvent(JSON.stringify({ type: 'response.incomplete', sequence_number: this.lastSequence + 1, response }), 'response.incomplete');
  }

  errorFrames(error: WireError): string {
    return formatSseEvent(JSON.stringify({ type: 'error', code: error.code, message: error.message, param: null, sequence_number: this.lastSequence + 1 }), 'error');
  }

  /** Adds a delta to its key's text, once per event (textOf may be asked about an event again). */
  private count(json: JsonObject, key: string, delta: string): void {
    const sequence = typeof json.sequence_number === 'number' ? json.sequence_number : null;
    if (sequence !== null && sequence <= this.counted) return;
    if (sequence !== null) this.counted = sequence;
    this.seen.set(key, (this.seen.get(key) ?? '') + delta);
  }

  /** The texts that are not exactly what the deltas already carried, joined; null when all were. */
  private unseen(texts: readonly KeyedText[]): string | null {
    const fresh = texts.filter(({ key, text }) => text !== '' && this.seen.get(key) !== text);
    return fresh.length === 0 ? null : fresh.map((t) => t.text).join('');
  }
}
