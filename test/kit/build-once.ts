import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Vitest global setup: compiles dist/ once before any test file runs. Tests that drive the real CLI
 * (bin/bulwark.js → dist/) used to build in their own beforeAll; run in parallel, two tsc processes
 * writing dist/ at once could collide.
 */
export default function buildOnce(): void {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build failed before the tests:\n${build.stdout}${build.stderr}`);
}
