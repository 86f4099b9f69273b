import type { z } from 'zod';
import { BulwarkError } from '../../core/errors.js';
import type { SseEvent } from '../sse.js';

/** Helpers for reading upstream JSON defensively: the shapes are checked, never assumed. */
export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function stringField(value: JsonObject, key: string): string | null {
  const field = value[key];
  return typeof field === 'string' ? field : null;
}

export function objectField(value: JsonObject, key: string): JsonObject | null {
  const field = value[key];
  return isObject(field) ? field : null;
}

/** Text parts of a message `content`: a plain string, or an array of `{ type: "text", text }` blocks. */
/** Texts the model reads, one per line, empty ones left out: how every wire format joins a conversation. */
export function joinTexts(texts: readonly string[]): string {
  return texts.filter((t) => t.trim().length > 0).join('\n');
}

export function contentText(content: unknown, nested: (block: JsonObject) => string | null = () => null): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  const parts: string[] = [];
  for (const block of content) {
    if (!isObject(block)) continue;
    const text = block.type === 'text' ? stringField(block, 'text') : nested(block);
    if (text) parts.push(text);
  }
  return parts.join('\n');
}

/**
 * The kinds of content in `content` that the guard does not read (images, audio, binary documents),
 * added to `into`. `kindOf` names a block's unread kind (null: read, or nothing to read); `children`
 * gives the content nested in a block (a tool result's, say), which is searched the same way.
 */
export function unreadKinds(
  content: unknown,
  kindOf: (block: JsonObject) => string | null,
  children: (block: JsonObject) => unknown = () => undefined,
  into: Set<string> = new Set(),
): Set<string> {
  if (!Array.isArray(content)) return into;
  for (const block of content) {
    if (!isObject(block)) continue;
    const kind = kindOf(block);
    if (kind !== null) into.add(kind);
    unreadKinds(children(block), kindOf, children, into);
  }
  return into;
}

// The stream guard reads each event's JSON two or three times in a row (noteSeen, textOf, withText).
// One remembered event is enough for that, and unlike a WeakMap over every event (a map entry per
// event, then ephemeron work in every GC) it costs nothing to keep; a miss only parses again.
let lastEvent: SseEvent | null = null;
let lastJson: JsonObject | null = null;

function remember(event: SseEvent, json: JsonObject): JsonObject {
  lastEvent = event;
  lastJson = json;
  return json;
}

/** The event's JSON data (the latest event's is remembered). Throws on anything but a JSON object. */
export function eventJson(event: SseEvent): JsonObject {
  if (event === lastEvent && lastJson !== null) return lastJson;
  const value: unknown = JSON.parse(event.data);
  if (!isObject(value)) throw new Error('stream event data is not a JSON object');
  return remember(event, value);
}

/** A new event carrying `json` (remembered, so reading it straight back does not parse it again). */
export function jsonEvent(json: JsonObject, name: string | null): SseEvent {
  const data = JSON.stringify(json);
  const event: SseEvent = { event: name, data, raw: name === null ? `data: ${data}\n\n` : `event: ${name}\ndata: ${data}\n\n` };
  remember(event, json);
  return event;
}

/** Keys whose string values are protocol, not model output (ids, enum tags, signatures). */
const NON_TEXT_KEYS = new Set(['type', 'id', 'role', 'signature', 'object']);

export interface TextLeaf {
  readonly path: readonly (string | number)[];
  readonly text: string;
}

/**
 * Every non-empty string under `value` except protocol keys. Collecting leaves generically (rather
 * than naming `content`, `text`, `partial_json`...) means a field a provider adds later is still
 * held back and classified instead of slipping past the stream guard.
 */
export function textLeaves(value: unknown, path: (string | number)[] = [], out: TextLeaf[] = []): TextLeaf[] {
  collectLeaves(value, [...path], out);
  return out;
}

/** `path` is one stack, pushed and popped on the way down: only a leaf takes a copy (streams call this per event). */
function collectLeaves(value: unknown, path: (string | number)[], out: TextLeaf[]): void {
  if (typeof value === 'string') {
    if (value.length > 0) out.push({ path: [...path], text: value });
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      path.push(i);
      collectLeaves(value[i], path, out);
      path.pop();
    }
  } else if (isObject(value)) {
    for (const key of Object.keys(value)) {
      if (NON_TEXT_KEYS.has(key)) continue;
      path.push(key);
      collectLeaves(value[key], path, out);
      path.pop();
    }
  }
}

/** A copy of `root` with the string at `path` replaced; only the objects along the path are copied. */
export function replaceLeaf(root: JsonObject, path: readonly (string | number)[], text: string): JsonObject {
  const copy = (node: unknown, depth: number): unknown => {
    if (depth === path.length) return text;
    const key = path[depth]!;
    if (Array.isArray(node)) return (node as unknown[]).map((item, i) => (i === key ? copy(item, depth + 1) : item));
    const object = node as JsonObject;
    return { ...object, [key]: copy(object[key as string], depth + 1) };
  };
  return copy(root, 0) as JsonObject;
}

/** For events whose output sits in one place: its text, and a split that keeps everything else. */
export function leafText(leaves: readonly TextLeaf[]): string | null {
  if (leaves.length === 0) return null;
  return leaves.length === 1 ? leaves[0]!.text : leaves.map((l) => l.text).join('');
}

/**
 * Every string the model reads in a definition it is given (tools, functions, a response schema):
 * descriptions, names, enum values, and the property names of JSON schemas, which are text to the
 * model too. Protocol tags (`type`, `id`...) are left out. Instructions hidden here reach the model as
 * surely as a message does, so they are classified with the conversation.
 */
export function definitionText(value: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown, key: string | null): void => {
    if (typeof node === 'string') {
      if (node.length > 0 && (key === null || !NON_TEXT_KEYS.has(key))) out.push(node);
    } else if (Array.isArray(node)) {
      for (const item of node) walk(item, key);
    } else if (isObject(node)) {
      for (const [name, child] of Object.entries(node)) {
        if (key === 'properties') out.push(name);
        walk(child, name);
      }
    }
  };
  walk(value, null);
  return out.join('\n');
}

/** Validates the fields the gateway reads; a mismatch is the client's 400 with every problem listed. */
export function parseRequestBody<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.slice(0, 20).map((issue) => ({
    path: issue.path.length > 0 ? issue.path.join('.') : '(body)',
    message: issue.message,
  }));
  throw new BulwarkError('REQUEST_INVALID_BODY', 'request body does not match the expected shape', { problems });
}
