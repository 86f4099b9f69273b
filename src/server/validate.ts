import type { z } from 'zod';
import { BulwarkError } from '../core/errors.js';

/** Validates a parsed body; every problem is listed with its JSON path. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.slice(0, 20).map((issue) => ({
    path: issue.path.length > 0 ? issue.path.join('.') : '(body)',
    message: issue.message,
  }));
  throw new BulwarkError('REQUEST_INVALID_BODY', 'request body does not match the expected shape', { problems });
}
