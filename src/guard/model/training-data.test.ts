import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BulwarkError } from '../../core/errors.js';
import { readTrainingDir } from './training-data.js';

function dataDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'train-data-'));
  mkdirSync(path.join(dir, 'train'));
  for (const [name, body] of Object.entries(files)) writeFileSync(path.join(dir, name), body);
  return dir;
}

const row = (id: string, label: string, split = 'train'): string => JSON.stringify({ id, text: `text ${id}`, label, topic: 't', split });

describe('readTrainingDir', () => {
  it('reads every row of train/*.jsonl and the wrappers', () => {
    const dir = dataDir({
      'train/b.jsonl': `${row('b1', 'benign')}\n${row('b2', 'benign', 'val')}\n`,
      'train/a.jsonl': `${row('h1', 'cbrn.bio')}\n\n`,
      'wrappers.jsonl': `${JSON.stringify({ id: 'w1', template: 'Roleplay: {0}' })}\n`,
    });
    const { rows, wrappers } = readTrainingDir(dir);
    expect(rows.map((r) => r.id)).toEqual(['h1', 'b1', 'b2']);
    expect(rows[2]?.split).toBe('val');
    expect(wrappers).toEqual(['Roleplay: {0}']);
  });

  it('names the file and line of every bad row', () => {
    const dir = dataDir({
      'train/a.jsonl': [row('h1', 'cbrn.bio'), '{not json', JSON.stringify({ id: 'x', text: '', label: 'benign' }), row('h2', 'Harmful!'), row('h1', 'benign')].join('\n'),
      'wrappers.jsonl': JSON.stringify({ id: 'w', template: 'no placeholder' }),
    });
    let error: BulwarkError | undefined;
    try {
      readTrainingDir(dir);
    } catch (e) {
      error = e as BulwarkError;
    }
    expect(error?.code).toBe('TRAIN_DATA_INVALID');
    const where = error?.problems.map((p) => p.path.replace(dir, '<dir>'));
    expect(where).toEqual(['<dir>/train/a.jsonl:2', '<dir>/train/a.jsonl:3', '<dir>/train/a.jsonl:4', 'h1', '<dir>/wrappers.jsonl:1']);
  });

  it('rejects a folder without train/', () => {
    expect(() => readTrainingDir(mkdtempSync(path.join(tmpdir(), 'empty-')))).toThrow(/does not exist/);
  });
});
