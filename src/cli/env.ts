import type { BulwarkConfigInput } from '../config/config-schema.js';
import type { LoadOptions } from '../config/load.js';
import { BulwarkError } from '../core/errors.js';

export interface CommonFlags {
  config?: string;
  policy?: string;
  home?: string;
  port?: string;
}

/** Flags win over environment variables, which win over files and defaults. */
export function loadOptionsFrom(flags: CommonFlags, env: NodeJS.ProcessEnv = process.env): LoadOptions {
  const overrides: BulwarkConfigInput = {};
  const port = flags.port ?? env.BULWARK_PORT;
  if (port !== undefined && port !== '') overrides.server = { port: parsePort(port) };
  const upstreams = upstreamOverrides(env);
  if (upstreams) overrides.gateway = { upstreams };
  const options: LoadOptions = { overrides };
  const home = flags.home ?? env.BULWARK_HOME;
  const configFile = flags.config ?? env.BULWARK_CONFIG;
  const policyFile = flags.policy ?? env.BULWARK_POLICY;
  if (home) options.home = home;
  if (configFile) options.configFile = configFile;
  if (policyFile) options.policyFile = policyFile;
  return options;
}

/** `BULWARK_OPENAI_UPSTREAM` / `BULWARK_ANTHROPIC_UPSTREAM` replace the upstream base URLs. */
function upstreamOverrides(env: NodeJS.ProcessEnv): NonNullable<BulwarkConfigInput['gateway']>['upstreams'] | undefined {
  const openai = env.BULWARK_OPENAI_UPSTREAM;
  const anthropic = env.BULWARK_ANTHROPIC_UPSTREAM;
  if (!openai && !anthropic) return undefined;
  return { ...(openai ? { openai: { baseUrl: openai } } : {}), ...(anthropic ? { anthropic: { baseUrl: anthropic } } : {}) };
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) throw new BulwarkError('CLI_USAGE', `port must be an integer 0-65535, got "${value}"`);
  return port;
}

export function parsePositiveInt(value: string, what: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new BulwarkError('CLI_USAGE', `${what} must be a positive integer, got "${value}"`);
  return Number(value);
}
