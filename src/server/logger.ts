import { pino, type Logger, type DestinationStream } from 'pino';

/** Secrets and user content never reach the logs by default (STYLE.md §7). */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers["proxy-authorization"]',
  'req.headers.cookie',
  'body',
  'input',
  'messages',
  'prompt',
  'completion',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: { service: 'bulwark' } }, destination);
}
