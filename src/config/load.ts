import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { BulwarkError, type ErrorProblem } from '../core/errors.js';
import { configSchema, type BulwarkConfig, type BulwarkConfigInput } from './config-schema.js';
import { DEFAULT_HOME_DIR, DEFAULT_MODEL_FILE, DEFAULT_POLICY_FILE } from './defaults.js';
import { packagePath } from './paths.js';
import { policySchema, type Policy } from './policy-schema.js';
import { findUnsafeRegexReason } from './regex-safety.js';

export interface LoadedConfig {
  readonly config: BulwarkConfig;
  readonly policy: Policy;
  /** Absolute paths the process actually uses. */
  readonly paths: { readonly home: string; readonly policyFile: string; readonly modelFile: string; readonly configFile: string | null };
}

export interface LoadOptions {
  /** Data folder; relative to cwd. Defaults to ./.bulwark. */
  home?: string;
  configFile?: string;
  policyFile?: string;
  /** Highest precedence: values from flags and environment, already typed by the caller. */
  overrides?: BulwarkConfigInput;
  cwd?: string;
}

/** Reads, merges and validates config and policy once; the result is deeply frozen. */
export function loadConfig(options: LoadOptions = {}): LoadedConfig {
  const cwd = options.cwd ?? process.cwd();
  const home = path.resolve(cwd, options.home ?? DEFAULT_HOME_DIR);
  const configFile = options.configFile ? path.resolve(cwd, options.configFile) : null;
  const fileValues = configFile ? readYamlFile(configFile, 'CONFIG_UNREADABLE') : {};
  const merged = deepMerge(fileValues, options.overrides ?? {});
  // Cloned: zod hands out its default objects by reference, and this result is mutated then frozen.
  const config = structuredClone(parseOrThrow(configSchema, merged, configFile ?? '(defaults)', 'CONFIG_INVALID', 'configuration'));
  if (!config.auth.required && !isLoopbackHost(config.server.host)) {
    throw new BulwarkError('CONFIG_INVALID', 'configuration is invalid (1 problem)', {
      problems: [{ path: `${configFile ?? '(defaults)'}: auth.required`, message: `must be true when server.host (${config.server.host}) is not a loopback address` }],
    });
  }
  const policyFile = options.policyFile ? path.resolve(cwd, options.policyFile) : packagePath(DEFAULT_POLICY_FILE);
  const policy = loadPolicyFile(policyFile);
  const modelFile = config.guard.modelPath ? path.resolve(packagePath(), config.guard.modelPath) : packagePath(DEFAULT_MODEL_FILE);
  if (config.storage.driver === 'sqlite' && config.storage.sqlite.path !== ':memory:') {
    config.storage.sqlite.path = path.resolve(home, config.storage.sqlite.path);
  }
  return deepFreeze({ config, policy, paths: { home, policyFile, modelFile, configFile } });
}

export function loadPolicyFile(file: string): Policy {
  return parsePolicy(readYamlFile(file, 'POLICY_UNREADABLE'), file);
}

/** A policy from text (a release in the store): the same YAML parsing and checks as a file; `source` names it in errors. */
export function parsePolicyText(text: string, source: string): Policy {
  return parsePolicy(parseYamlText(text, source, 'POLICY_UNREADABLE'), source);
}

/** Validates a policy object: schema first, then the checks a schema cannot express. */
export function parsePolicy(value: unknown, source: string): Policy {
  const policy = parseOrThrow(policySchema, value, source, 'POLICY_INVALID', 'policy');
  const problems = checkPolicySemantics(policy).map((p) => ({ path: `${source}: ${p.path}`, message: p.message }));
  if (problems.length > 0) {
    throw new BulwarkError('POLICY_INVALID', `policy ${source} is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'})`, { problems });
  }
  return policy;
}

function checkPolicySemantics(policy: Policy): ErrorProblem[] {
  const problems: ErrorProblem[] = [];
  if (Object.keys(policy.categories.harmful).length === 0) {
    problems.push({ path: 'categories.harmful', message: 'at least one harmful category is required' });
  }
  for (const [id, category] of Object.entries(policy.categories.harmful)) {
    if (category.flagThreshold !== undefined && category.flagThreshold > category.threshold) {
      problems.push({ path: `categories.harmful.${id}.flagThreshold`, message: 'must not exceed threshold' });
    }
  }
  const seen = new Set<string>();
  policy.rules.forEach((rule, index) => {
    if (seen.has(rule.id)) problems.push({ path: `rules[${index}].id`, message: `duplicate rule id "${rule.id}"` });
    seen.add(rule.id);
    if ('regex' in rule.match) {
      const reason = findUnsafeRegexReason(rule.match.regex);
      if (reason) problems.push({ path: `rules[${index}].match.regex`, message: reason });
      else {
        try {
          new RegExp(rule.match.regex, rule.match.flags);
        } catch (error) {
          problems.push({ path: `rules[${index}].match.regex`, message: `not a valid regular expression (${(error as Error).message})` });
        }
      }
    }
  });
  return problems;
}

function readYamlFile(file: string, code: 'CONFIG_UNREADABLE' | 'POLICY_UNREADABLE'): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new BulwarkError(code, `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`, { cause: error });
  }
  return parseYamlText(text, file, code);
}

function parseYamlText(text: string, source: string, code: 'CONFIG_UNREADABLE' | 'POLICY_UNREADABLE'): unknown {
  try {
    return parseYaml(text, { maxAliasCount: 100 }) ?? {};
  } catch (error) {
    throw new BulwarkError(code, `${source} is not valid YAML: ${(error as Error).message.split('\n')[0]}`, { cause: error });
  }
}

function parseOrThrow<S extends z.ZodType>(
  schema: S,
  value: unknown,
  source: string,
  code: 'CONFIG_INVALID' | 'POLICY_INVALID',
  what: string,
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => ({
    path: `${source}: ${issue.path.length > 0 ? issue.path.join('.') : '(root)'}`,
    message: issue.message,
  }));
  throw new BulwarkError(code, `${what} ${source} is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'})`, { problems });
}

/** Anonymous access is only ever offered on loopback: anything else could be reached by others. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Objects merge key by key; arrays and scalars from `over` replace. */
export function deepMerge(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined) continue;
    out[key] = deepMerge(base[key], value);
  }
  return out;
}

export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
