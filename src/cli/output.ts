import { BulwarkError, isBulwarkError } from '../core/errors.js';

/** Prints a value as JSON (for --json) or through the given formatter. */
export function emit(json: boolean, value: unknown, human: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
}

/**
 * The CLI's one failure path: a single line on stderr (problems, if any, indented below it), or the
 * `{ error: { code, message } }` object with --json. Never a stack trace.
 */
export function reportFailure(error: unknown, json: boolean): number {
  const known: BulwarkError = isBulwarkError(error)
    ? error
    : new BulwarkError('INTERNAL', error instanceof Error ? error.message.split('\n')[0]! : String(error));
  if (json) {
    process.stderr.write(`${JSON.stringify(known.toJSON())}\n`);
  } else {
    process.stderr.write(`bulwark: ${known.code}: ${known.message}\n`);
    for (const problem of known.problems) process.stderr.write(`  - ${problem.path}: ${problem.message}\n`);
  }
  return known.code === 'CLI_USAGE' ? 2 : 1;
}

export function wantsJson(argv: readonly string[]): boolean {
  return argv.includes('--json');
}
