// The training corpus and the multi-turn eval set are generated, never hand-edited: every generator,
// run on a copy of data/generators, must write exactly the committed file.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const scratch = mkdtempSync(path.join(tmpdir(), 'bulwark-generators-'));
cpSync(path.join(root, 'data', 'generators'), path.join(scratch, 'data', 'generators'), { recursive: true });
// benign-tutoring reads the eval set to leave its turns out, so the eval generator runs first.
const generators = readdirSync(path.join(root, 'data', 'generators'))
  .filter((f) => f.endsWith('.mjs'))
  .sort((a, b) => Number(b === 'multiturn.mjs') - Number(a === 'multiturn.mjs') || a.localeCompare(b));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('data generators', () => {
  it('covers every committed data file', () => {
    const committed = [...readdirSync(path.join(root, 'data', 'train')), ...readdirSync(path.join(root, 'data', 'eval'))].filter((f) => f.endsWith('.jsonl'));
    expect(generators.map((g) => g.replace('.mjs', '.jsonl')).sort()).toEqual(committed.sort());
  });

  it.each(generators)('%s rewrites its committed file byte for byte', (generator) => {
    execFileSync(process.execPath, [path.join(scratch, 'data', 'generators', generator)], { stdio: 'pipe' });
    const name = generator.replace('.mjs', '.jsonl');
    const folder = generator === 'multiturn.mjs' ? 'eval' : 'train';
    const fresh = readFileSync(path.join(scratch, 'data', folder, name));
    const committed = readFileSync(path.join(root, 'data', folder, name));
    expect(fresh.equals(committed), `${folder}/${name} differs from what ${generator} writes`).toBe(true);
  }, 120_000);
});
