import type { JudgeVerdictFormat } from '../config/judge-schema.js';
import { BulwarkError } from '../core/errors.js';

/** What a judge model said about one text. */
export interface JudgeVerdict {
  readonly unsafe: boolean;
  /** The judge's own category labels (`S9`, `cbrn`), as it wrote them; recorded, not mapped. */
  readonly categories: readonly string[];
}

export type VerdictParser = (content: string) => JudgeVerdict;

/** Labels are short tokens; anything longer is not a category list but prose. */
const MAX_LABEL_CHARS = 64;
const MAX_LABELS = 32;

/** The parser for the configured verdict format. */
export function verdictParser(format: JudgeVerdictFormat): VerdictParser {
  switch (format.format) {
    case 'llama-guard':
      return parseLlamaGuardVerdict;
    case 'json':
      return (content) => parseJsonVerdict(content, format.violationField, format.categoryField);
  }
}

/**
 * Llama Guard 3/4 (and models trained to its format): the first non-empty line is `safe` or `unsafe`;
 * after `unsafe`, the next line lists the violated categories, comma-separated (`S1,S9`). Threat: the
 * reply is model output and may be anything; whatever is not exactly this is invalid, never "safe".
 */
export function parseLlamaGuardVerdict(content: string): JudgeVerdict {
  const lines = content
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  const first = lines[0]?.toLowerCase();
  if (first === 'safe' && lines.length === 1) return { unsafe: false, categories: [] };
  if (first !== 'unsafe' || lines.length > 2) throw invalid('the reply is not a Llama Guard verdict');
  return { unsafe: true, categories: lines[1] === undefined ? [] : labels(lines[1].split(',')) };
}

/**
 * A JSON object whose `violationField` is true/1 (unsafe) or false/0 (safe), with optional categories
 * at `categoryField` (a string, a list of strings, or null). A ```json fence around it is tolerated,
 * since chat models add one; any other text around the object is not.
 */
export function parseJsonVerdict(content: string, violationField: string, categoryField: string): JudgeVerdict {
  const fenced = /^```(?:json)?\s*\n([\s\S]*?)\n?```$/.exec(content.trim());
  let parsed: unknown;
  try {
    parsed = JSON.parse(fenced ? fenced[1]! : content);
  } catch {
    throw invalid('the reply is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalid('the reply is not a JSON object');
  const violation = readPath(parsed, violationField);
  let unsafe: boolean;
  if (violation === true || violation === 1) unsafe = true;
  else if (violation === false || violation === 0) unsafe = false;
  else throw invalid(`the reply's ${violationField} is not true/false or 1/0`);
  const category = readPath(parsed, categoryField);
  if (category === undefined || category === null) return { unsafe, categories: [] };
  if (typeof category === 'string') return { unsafe, categories: labels([category]) };
  if (Array.isArray(category) && category.every((c): c is string => typeof c === 'string')) return { unsafe, categories: labels(category) };
  throw invalid(`the reply's ${categoryField} is not a string or a list of strings`);
}

function readPath(object: object, path: string): unknown {
  let value: unknown = object;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function labels(raw: readonly string[]): string[] {
  const out = raw.map((label) => label.trim()).filter((label) => label.length > 0);
  if (out.length > MAX_LABELS || out.some((label) => label.length > MAX_LABEL_CHARS)) throw invalid('the reply names implausible categories');
  return out;
}

/** The judge endpoint answered, but not with a verdict: garbage, counted apart from transport errors. */
export class JudgeReplyError extends BulwarkError {
  constructor(message: string) {
    super('GUARD_CLASSIFIER_FAILED', `judge: ${message}`);
  }
}

function invalid(message: string): JudgeReplyError {
  return new JudgeReplyError(message);
}
