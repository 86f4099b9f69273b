import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BulwarkError } from '../core/errors.js';
import { generateJsonSchemas, JSON_SCHEMA_FILES } from './json-schema.js';
import { deepMerge, loadConfig, loadPolicyFile, parsePolicy } from './load.js';
import { packagePath } from './paths.js';

const dir = mkdtempSync(path.join(tmpdir(), 'bulwark-config-'));
function file(name: string, text: string): string {
  const full = path.join(dir, name);
  writeFileSync(full, text);
  return full;
}

function caught(fn: () => unknown): BulwarkError {
  try {
    fn();
  } catch (error) {
    if (error instanceof BulwarkError) return error;
    throw error;
  }
  throw new Error('expected a BulwarkError');
}

describe('loadConfig', () => {
  it('runs on the embedded defaults: shipped policy, SQLite under the home folder, port 8720', () => {
    const loaded = loadConfig({ cwd: dir });
    expect(loaded.config.server.port).toBe(8720);
    expect(loaded.config.server.host).toBe('127.0.0.1');
    expect(loaded.config.auth.required).toBe(false);
    expect(loaded.paths.home).toBe(path.join(dir, '.bulwark'));
    expect(loaded.config.storage).toEqual({ driver: 'sqlite', sqlite: { path: path.join(dir, '.bulwark', 'bulwark.db') } });
    expect(loaded.policy.categories.harmful).toHaveProperty('cbrn.bio');
    expect(Object.isFrozen(loaded.config.server)).toBe(true);
  });

  it('merges a config file over the defaults, then overrides over the file', () => {
    const configFile = file('merge.yaml', 'server:\n  port: 9000\n  bodyLimitBytes: 4096\nlog:\n  level: warn\n');
    const loaded = loadConfig({ cwd: dir, configFile, overrides: { server: { port: 9100 } } });
    expect(loaded.config.server.port).toBe(9100);
    expect(loaded.config.server.bodyLimitBytes).toBe(4096);
    expect(loaded.config.server.host).toBe('127.0.0.1');
    expect(loaded.config.log.level).toBe('warn');
  });

  it('lists every problem with file and path', () => {
    const configFile = file('bad.yaml', 'server:\n  port: "eighty"\n  bodyLimitBytes: -1\nunknownKey: 1\n');
    const error = caught(() => loadConfig({ cwd: dir, configFile }));
    expect(error.code).toBe('CONFIG_INVALID');
    const paths = error.problems.map((p) => p.path);
    expect(paths).toContain(`${configFile}: server.port`);
    expect(paths).toContain(`${configFile}: server.bodyLimitBytes`);
    expect(paths.some((p) => p.startsWith(`${configFile}: `) && error.problems.length >= 3)).toBe(true);
  });

  it('leaves the LLM judge off by default and checks its settings when configured', () => {
    expect(loadConfig({ cwd: dir }).config.guard.judge).toBeUndefined();
    const configFile = file('judge.yaml', 'guard:\n  judge:\n    baseUrl: "ftp://x"\n    model: ""\n    band: { min: 0.8, max: 0.2 }\n    verdict: { format: xml }\n');
    const paths = caught(() => loadConfig({ cwd: dir, configFile })).problems.map((p) => p.path);
    for (const field of ['baseUrl', 'model', 'band', 'verdict.format']) expect(paths).toContain(`${configFile}: guard.judge.${field}`);
    const ok = loadConfig({ cwd: dir, overrides: { guard: { judge: { baseUrl: 'http://127.0.0.1:11434', model: 'llama-guard3' } } } });
    expect(ok.config.guard.judge).toMatchObject({ timeoutMs: 2_000, band: { min: 0.1, max: 0.9 }, verdict: { format: 'llama-guard' } });
  });

  it('refuses anonymous access on a non-loopback address', () => {
    const error = caught(() => loadConfig({ cwd: dir, overrides: { server: { host: '0.0.0.0' } } }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.problems[0]?.path).toContain('auth.required');
    expect(loadConfig({ cwd: dir, overrides: { server: { host: '0.0.0.0' }, auth: { required: true } } }).config.auth.required).toBe(true);
  });

  it('needs the keys that sign policy releases before it follows the store', () => {
    const error = caught(() => loadConfig({ cwd: dir, overrides: { guard: { policySource: 'store' } } }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.problems.map((p) => p.path)).toContain('(defaults): guard.policySigners');
    const notAKey = caught(() => loadConfig({ cwd: dir, overrides: { guard: { policySource: 'store', policySigners: ['not a key'] } } }));
    expect(notAKey.problems.map((p) => p.path)).toContain('(defaults): guard.policySigners.0');
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ cwd: dir, overrides: { guard: { policySource: 'store', policySigners: [key] } } }).config.guard.policySigners).toEqual([key]);
  });

  it('reports unreadable and malformed files with their own codes', () => {
    expect(caught(() => loadConfig({ cwd: dir, configFile: 'missing.yaml' })).code).toBe('CONFIG_UNREADABLE');
    expect(caught(() => loadConfig({ cwd: dir, configFile: file('broken.yaml', 'server: [\n') })).code).toBe('CONFIG_UNREADABLE');
    expect(caught(() => loadConfig({ cwd: dir, policyFile: file('broken-policy.yaml', 'a: : b\n  - c') })).code).toBe('POLICY_UNREADABLE');
  });
});

describe('policy validation', () => {
  const shipped = loadPolicyFile(packagePath('policy/default.yaml'));

  it('accepts the shipped policy with the three CBRN categories and a canary rule', () => {
    expect(Object.keys(shipped.categories.harmful).sort()).toEqual(['cbrn.bio', 'cbrn.chem', 'cbrn.rad_nuc']);
    expect(shipped.rules.map((r) => r.id)).toContain('canary-1');
    expect(shipped.mode).toBe('enforce');
  });

  it('lists schema problems and semantic problems with their paths', () => {
    const bad = {
      ...shipped,
      mode: 'permissive',
      rules: [
        { id: 'r1', match: { regex: '(a+)+$' }, category: 'test.x', action: 'block' },
        { id: 'r1', match: { literal: 'x' }, category: 'test.x', action: 'nope' },
      ],
    };
    const error = caught(() => parsePolicy(bad, 'p.yaml'));
    expect(error.code).toBe('POLICY_INVALID');
    const paths = error.problems.map((p) => p.path);
    expect(paths).toContain('p.yaml: mode');
    expect(paths).toContain('p.yaml: rules.1.action');

    const semantic = caught(() =>
      parsePolicy(
        { ...shipped, rules: [{ id: 'r1', match: { regex: '(a+)+$' }, category: 'test.x', action: 'block' }, { id: 'r1', match: { literal: 'x' }, category: 'test.x', action: 'flag' }] },
        'p.yaml',
      ),
    );
    expect(semantic.problems.map((p) => p.path)).toEqual(['p.yaml: rules[0].match.regex', 'p.yaml: rules[1].id']);
  });

  it('rejects a policy without harmful categories', () => {
    const error = caught(() => parsePolicy({ ...shipped, categories: { harmful: {}, harmless: [] } }, 'p.yaml'));
    expect(error.problems[0]?.path).toBe('p.yaml: categories.harmful');
  });
});

describe('deepMerge', () => {
  it('merges objects key by key and lets arrays and scalars replace', () => {
    expect(deepMerge({ a: { b: 1, c: [1, 2] }, d: 1 }, { a: { c: [3] }, d: undefined })).toEqual({ a: { b: 1, c: [3] }, d: 1 });
  });
});

describe('generated JSON Schemas', () => {
  it('are committed and current (run `npm run schemas` after changing a zod schema)', () => {
    const schemas = generateJsonSchemas();
    for (const key of ['config', 'policy'] as const) {
      const committed = JSON.parse(readFileSync(packagePath(JSON_SCHEMA_FILES[key]), 'utf8')) as unknown;
      expect(committed).toEqual(JSON.parse(JSON.stringify(schemas[key])));
    }
  });
});
