import { ERROR_CATALOG, type ErrorCode } from './error-codes.js';

export interface ErrorProblem {
  /** Where the problem is: a file, a JSON path, a field. */
  readonly path: string;
  /** What was expected there, safe to show to the caller. */
  readonly message: string;
}

/**
 * The one base error. `message` is always safe to show to the caller; `cause` may hold the
 * internal error and is only logged.
 */
export class BulwarkError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly problems: readonly ErrorProblem[];

  constructor(code: ErrorCode, message: string, options: { problems?: readonly ErrorProblem[]; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'BulwarkError';
    this.code = code;
    this.status = ERROR_CATALOG[code].status;
    this.problems = options.problems ?? [];
  }

  toJSON(): { error: { code: ErrorCode; message: string; problems?: readonly ErrorProblem[] } } {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.problems.length > 0 ? { problems: this.problems } : {}),
      },
    };
  }
}

export function isBulwarkError(value: unknown): value is BulwarkError {
  return value instanceof BulwarkError;
}

/** One line per problem, for CLI output and start-up failures. */
export function formatProblems(error: BulwarkError): string {
  if (error.problems.length === 0) return error.message;
  return [error.message, ...error.problems.map((p) => `  - ${p.path}: ${p.message}`)].join('\n');
}

/** The message of anything thrown, for a log line or a reason field. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
