import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BulwarkError, type ErrorProblem } from '../../core/errors.js';

export interface TrainingRow {
  id: string;
  text: string;
  label: string;
  topic?: string;
  split?: 'train' | 'val';
}

export const BENIGN_LABEL = 'benign';
const LABEL = /^(benign|[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+)$/;
const MAX_PROBLEMS = 50;

/**
 * Reads `<dir>/train/*.jsonl` (files in name order) and the optional `<dir>/wrappers.jsonl`.
 * Every row is validated and all problems are reported at once, each as file:line.
 */
export function readTrainingDir(dir: string): { rows: TrainingRow[]; wrappers: string[] } {
  const trainDir = path.join(dir, 'train');
  if (!existsSync(trainDir)) {
    throw new BulwarkError('TRAIN_DATA_INVALID', `No training data: ${trainDir} does not exist.`);
  }
  const problems: ErrorProblem[] = [];
  const rows: TrainingRow[] = [];
  const files = readdirSync(trainDir).filter((f) => f.endsWith('.jsonl')).sort();
  for (const file of files) rows.push(...readRows(path.join(trainDir, file), problems));
  const seen = new Set<string>();
  for (const row of rows) {
    if (seen.has(row.id)) problems.push({ path: row.id, message: 'duplicate id' });
    seen.add(row.id);
  }
  if (rows.length === 0 && problems.length === 0) problems.push({ path: trainDir, message: 'no rows in *.jsonl' });
  const wrappersFile = path.join(dir, 'wrappers.jsonl');
  const wrappers = existsSync(wrappersFile) ? readWrappers(wrappersFile, problems) : [];
  if (problems.length > 0) {
    throw new BulwarkError('TRAIN_DATA_INVALID', `Training data has ${problems.length} problem(s).`, {
      problems: problems.slice(0, MAX_PROBLEMS),
    });
  }
  return { rows, wrappers };
}

function parseLines(file: string, problems: ErrorProblem[], visit: (value: Record<string, unknown>, where: string) => void): void {
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `${file}:${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      problems.push({ path: where, message: 'not valid JSON' });
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      problems.push({ path: where, message: 'expected a JSON object' });
      return;
    }
    visit(value as Record<string, unknown>, where);
  });
}

function readRows(file: string, problems: ErrorProblem[]): TrainingRow[] {
  const rows: TrainingRow[] = [];
  parseLines(file, problems, (v, where) => {
    const bad = (message: string): void => void problems.push({ path: where, message });
    if (typeof v.id !== 'string' || v.id === '') return bad('"id" must be a non-empty string');
    if (typeof v.text !== 'string' || v.text.trim() === '') return bad('"text" must be a non-empty string');
    if (typeof v.label !== 'string' || !LABEL.test(v.label)) return bad('"label" must be "benign" or a dotted category like "cbrn.bio"');
    if (v.topic !== undefined && typeof v.topic !== 'string') return bad('"topic" must be a string');
    if (v.split !== undefined && v.split !== 'train' && v.split !== 'val') return bad('"split" must be "train" or "val"');
    rows.push({
      id: v.id,
      text: v.text,
      label: v.label,
      ...(v.topic === undefined ? {} : { topic: v.topic }),
      ...(v.split === undefined ? {} : { split: v.split }),
    });
  });
  return rows;
}

function readWrappers(file: string, problems: ErrorProblem[]): string[] {
  const wrappers: string[] = [];
  parseLines(file, problems, (v, where) => {
    if (typeof v.template !== 'string' || !v.template.includes('{0}')) {
      problems.push({ path: where, message: '"template" must be a string containing {0}' });
      return;
    }
    wrappers.push(v.template);
  });
  return wrappers;
}
