import { readFileSync } from 'node:fs';
import { BulwarkError } from '../core/errors.js';

export type Expected = 'flag' | 'pass';

export interface EvalRow {
  readonly id: string;
  readonly text: string;
  readonly expected: Expected;
  /** The row's turns, when it was given as `messages` (conversation replay needs them). */
  readonly messages?: readonly EvalMessage[];
}

export interface EvalMessage {
  readonly role: string;
  readonly content: string;
}

/**
 * Reads a JSONL evaluation file. Rows carry `text` (or `messages`, joined as a conversation) and
 * `expected`; rows without `expected` (e.g. templates) are an error here, not silently skipped.
 */
export function readEvalFile(file: string): EvalRow[] {
  const lines = readLines(file);
  const rows: EvalRow[] = [];
  lines.forEach((line, index) => {
    if (line.trim().length === 0) return;
    const where = `${file}:${index + 1}`;
    const value = parseLine(line, where);
    const expected = value.expected;
    if (expected !== 'flag' && expected !== 'pass') {
      throw new BulwarkError('EVAL_DATA_INVALID', `${where}: "expected" must be "flag" or "pass"`);
    }
    const text = rowText(value, where);
    const messages = rowMessages(value);
    rows.push({ id: typeof value.id === 'string' ? value.id : `${index + 1}`, text, expected, ...(messages ? { messages } : {}) });
  });
  if (rows.length === 0) throw new BulwarkError('EVAL_DATA_INVALID', `${file}: no rows`);
  return rows;
}

/** Templates are JSONL rows with a `template` or `text` field holding exactly one `{0}`. */
export function readTemplates(file: string): string[] {
  const templates: string[] = [];
  readLines(file).forEach((line, index) => {
    if (line.trim().length === 0) return;
    const where = `${file}:${index + 1}`;
    const value = parseLine(line, where);
    const template = typeof value.template === 'string' ? value.template : value.text;
    if (typeof template !== 'string' || !template.includes('{0}')) {
      throw new BulwarkError('EVAL_DATA_INVALID', `${where}: a template needs a "template" or "text" string containing {0}`);
    }
    templates.push(template);
  });
  if (templates.length === 0) throw new BulwarkError('EVAL_DATA_INVALID', `${file}: no templates`);
  return templates;
}

export function applyTemplate(template: string, text: string): string {
  return template.split('{0}').join(text);
}

function readLines(file: string): string[] {
  try {
    return readFileSync(file, 'utf8').split('\n');
  } catch (error) {
    throw new BulwarkError('EVAL_DATA_INVALID', `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

function parseLine(line: string, where: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new BulwarkError('EVAL_DATA_INVALID', `${where}: not valid JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new BulwarkError('EVAL_DATA_INVALID', `${where}: each line must be a JSON object`);
  }
  return value as Record<string, unknown>;
}

function rowText(value: Record<string, unknown>, where: string): string {
  if (typeof value.text === 'string' && value.text.trim().length > 0) return value.text;
  if (Array.isArray(value.messages)) {
    const parts = value.messages.map((m: unknown) =>
      typeof m === 'object' && m !== null && typeof (m as { content?: unknown }).content === 'string' ? (m as { content: string }).content : '',
    );
    const joined = parts.filter((p) => p.trim().length > 0).join('\n');
    if (joined.length > 0) return joined;
  }
  throw new BulwarkError('EVAL_DATA_INVALID', `${where}: a row needs a non-empty "text" (or "messages")`);
}

function rowMessages(value: Record<string, unknown>): EvalMessage[] | null {
  if (!Array.isArray(value.messages)) return null;
  return value.messages.flatMap((m: unknown) => {
    if (typeof m !== 'object' || m === null) return [];
    const { role, content } = m as { role?: unknown; content?: unknown };
    return typeof role === 'string' && typeof content === 'string' ? [{ role, content }] : [];
  });
}
