import { fileURLToPath } from 'node:url';
import path from 'node:path';

/**
 * The package root, where the shipped policy/ and models/ live. This file sits at
 * src/config/paths.ts in development and dist/config/paths.js when built: two levels down either way.
 */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function packagePath(...segments: string[]): string {
  return path.join(PACKAGE_ROOT, ...segments);
}
