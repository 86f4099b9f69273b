import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * verify/ is what an auditor runs offline against an export, so it must not depend on the store, the
 * clock or the file system: its only imports are node:crypto, its siblings, and core's error type.
 */
const ALLOWED = /^(node:crypto|\.\/[a-z0-9-]+\.js|\.\.\/\.\.\/core\/errors\.js)$/;
const FORBIDDEN_GLOBALS = /\b(Date\.now|new Date\(|process\.|performance\.now|setTimeout|setInterval|require\()/;

describe('src/audit/verify purity', () => {
  const dir = new URL('./', import.meta.url);
  const sources = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

  it.each(sources)('%s imports only node:crypto, siblings and core/errors', (file) => {
    const text = readFileSync(new URL(file, dir), 'utf8');
    const imports = [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'/gm)].map((m) => m[1]!);
    expect(imports.filter((i) => !ALLOWED.test(i))).toEqual([]);
    expect(text).not.toMatch(FORBIDDEN_GLOBALS);
  });
});
