import { BulwarkError } from '../core/errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Parses an attacker-controlled JSON body defensively: strict UTF-8 (no silent U+FFFD
 * replacement), a nesting bound checked by a linear scan *before* JSON.parse so a deeply nested
 * body cannot exhaust the stack, and typed 4xx errors for every failure.
 */
export function parseJsonBody(body: Buffer, maxDepth: number, options: { rejectDuplicateKeys?: boolean } = {}): unknown {
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    throw new BulwarkError('REQUEST_INVALID_JSON', 'request body is not valid UTF-8');
  }
  if (text.trim().length === 0) throw new BulwarkError('REQUEST_INVALID_JSON', 'request body is empty; expected a JSON object');
  const depth = maxNestingDepth(text);
  if (depth > maxDepth) {
    throw new BulwarkError('REQUEST_TOO_DEEP', `JSON nests ${depth > maxDepth * 4 ? 'far ' : ''}deeper than the limit of ${maxDepth}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch (error) {
    const detail = error instanceof SyntaxError ? error.message.slice(0, 160) : 'unparseable';
    throw new BulwarkError('REQUEST_INVALID_JSON', `request body is not valid JSON: ${detail}`);
  }
  if (options.rejectDuplicateKeys === true) {
    const duplicate = firstDuplicateKey(text);
    if (duplicate !== null) {
      throw new BulwarkError('REQUEST_INVALID_JSON', `request body repeats the key ${JSON.stringify(duplicate.slice(0, 64))} in one object; parsers disagree on which one counts`);
    }
  }
  return parsed;
}

/**
 * The first key that occurs twice in one object of `text` (valid JSON), compared after unescaping, or
 * null. JSON.parse keeps the last of duplicates and other parsers may keep the first: where a body is
 * forwarded as sent (the gateway), the guard and the model could read two different requests.
 */
export function firstDuplicateKey(text: string): string | null {
  const objects: (Set<string> | null)[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      const start = i;
      let escaped = false;
      for (i += 1; i < text.length; i += 1) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) {
          escaped = true;
          i += 1;
        } else if (d === 0x22) break;
      }
      const keys = objects.at(-1);
      if (expectKey && keys) {
        const key = escaped ? (JSON.parse(text.slice(start, i + 1)) as string) : text.slice(start + 1, i);
        if (keys.has(key)) return key;
        keys.add(key);
        expectKey = false;
      }
    } else if (c === 0x7b) {
      objects.push(new Set());
      expectKey = true;
    } else if (c === 0x5b) {
      objects.push(null);
      expectKey = false;
    } else if (c === 0x7d || c === 0x5d) {
      objects.pop();
      expectKey = false;
    } else if (c === 0x2c) {
      expectKey = objects.at(-1) != null;
    }
  }
  return null;
}

/** Bracket depth outside string literals; stops counting once past any sane bound. */
export function maxNestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1;
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > max) max = depth;
    } else if (c === 0x7d || c === 0x5d) depth -= 1;
  }
  return max;
}
