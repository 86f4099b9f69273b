import { BulwarkError } from '../core/errors.js';

export const MAX_PATH_PATTERN_CHARS = 512;
/** Bounds backtracking: each `**` becomes `.*`, and a few of those stay linear enough on real paths. */
const MAX_WILDCARDS = 8;

/**
 * A path glob: `*` and `?` stay within one path segment, `**` crosses segments, everything else is
 * literal. Compiled to an anchored regex built only from escaped literals, so a pattern cannot carry
 * regex syntax of its own.
 */
export function compilePathPattern(pattern: string): RegExp {
  if (pattern.length === 0 || pattern.length > MAX_PATH_PATTERN_CHARS || !pattern.startsWith('/')) {
    throw new BulwarkError('ALLOWLIST_INVALID_CHANGE', `A path pattern must be an absolute path glob of 1-${MAX_PATH_PATTERN_CHARS} characters.`);
  }
  let source = '';
  let wildcards = 0;
  for (let i = 0; i < pattern.length; i += 1) {
    const ch = pattern[i]!;
    if (ch === '*' && pattern[i + 1] === '*') {
      source += '.*';
      i += 1;
      wildcards += 1;
    } else if (ch === '*') {
      source += '[^/]*';
      wildcards += 1;
    } else if (ch === '?') {
      source += '[^/]';
    } else {
      source += ch.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
    }
  }
  if (wildcards > MAX_WILDCARDS) {
    throw new BulwarkError('ALLOWLIST_INVALID_CHANGE', `A path pattern may hold at most ${MAX_WILDCARDS} wildcards.`);
  }
  return new RegExp(`^${source}$`, 'u');
}

export function matchesPathPattern(pattern: string | null, path: string): boolean {
  return pattern === null || compilePathPattern(pattern).test(path);
}
