import { z } from 'zod';
import {
  DEFAULT_BODY_LIMIT_BYTES,
  DEFAULT_CLASSIFIER_WINDOW_CHARS,
  DEFAULT_CLASSIFIER_WINDOW_OVERLAP_CHARS,
  DEFAULT_HOST,
  DEFAULT_MAX_HEADER_BYTES,
  DEFAULT_MAX_INPUT_CHARS,
  DEFAULT_MAX_INPUTS_PER_REQUEST,
  DEFAULT_MAX_JSON_DEPTH,
  DEFAULT_POLICY_WATCH_INTERVAL_MS,
  DEFAULT_PORT,
  DEFAULT_REQUEST_TIMEOUT_MS,
  DEFAULT_SQLITE_FILE,
  DEFAULT_WINDOW_CACHE_ENTRIES,
} from './defaults.js';
import { egressConfigSchema } from './egress-schema.js';
import { gatewayConfigSchema } from './gateway-schema.js';
import { judgeConfigSchema } from './judge-schema.js';

const port = z.number().int().min(0).max(65_535);

export const serverConfigSchema = z
  .object({
    host: z.string().min(1).default(DEFAULT_HOST),
    port: port.default(DEFAULT_PORT),
    bodyLimitBytes: z.number().int().min(1024).max(64 * 1024 * 1024).default(DEFAULT_BODY_LIMIT_BYTES),
    maxJsonDepth: z.number().int().min(2).max(512).default(DEFAULT_MAX_JSON_DEPTH),
    maxHeaderBytes: z.number().int().min(1024).max(1024 * 1024).default(DEFAULT_MAX_HEADER_BYTES),
    requestTimeoutMs: z.number().int().min(100).default(DEFAULT_REQUEST_TIMEOUT_MS),
  })
  .strict();

export const authConfigSchema = z
  .object({
    /**
     * When false, callers without a key are served as the `anonymous` tenant. The embedded default
     * binds to 127.0.0.1 and says so at start-up; any non-loopback bind requires auth (see load.ts).
     */
    required: z.boolean().default(false),
  })
  .strict();

/** Hot shared state for many replicas (conversation risk); unset, a single node keeps it in memory. */
export const redisConfigSchema = z
  .object({
    url: z.string().regex(/^rediss?:\/\//, 'a redis:// or rediss:// URL'),
    /** Prepended to every key, so one Redis can serve several deployments. */
    keyPrefix: z.string().max(64).default('bulwark:'),
  })
  .strict();

export const storageConfigSchema = z.discriminatedUnion('driver', [
  z
    .object({
      driver: z.literal('sqlite'),
      sqlite: z.object({ path: z.string().min(1).default(DEFAULT_SQLITE_FILE) }).strict().default({ path: DEFAULT_SQLITE_FILE }),
      redis: redisConfigSchema.optional(),
    })
    .strict(),
  z
    .object({
      driver: z.literal('postgres'),
      postgres: z
        .object({
          url: z.string().min(1),
          schema: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/).optional(),
          poolSize: z.number().int().min(1).max(200).optional(),
        })
        .strict(),
      redis: redisConfigSchema.optional(),
    })
    .strict(),
]);

export const guardConfigSchema = z
  .object({
    /** Path of the built-in model artifact; relative paths resolve against the package root. */
    modelPath: z.string().min(1).optional(),
    maxInputsPerRequest: z.number().int().min(1).max(10_000).default(DEFAULT_MAX_INPUTS_PER_REQUEST),
    maxInputChars: z.number().int().min(1).default(DEFAULT_MAX_INPUT_CHARS),
    windowChars: z.number().int().min(200).max(20_000).default(DEFAULT_CLASSIFIER_WINDOW_CHARS),
    windowOverlapChars: z.number().int().min(0).default(DEFAULT_CLASSIFIER_WINDOW_OVERLAP_CHARS),
    /**
     * Window scores of long texts each classifier thread remembers per tenant conversation, so that a
     * conversation resent with one more turn is scored for what changed (src/guard/window-cache.ts). 0: off.
     */
    windowCacheEntries: z.number().int().min(0).max(1_000_000).default(DEFAULT_WINDOW_CACHE_ENTRIES),
    /** Risky: a classifier error lets the request through instead of denying it. */
    failOpenOnClassifierError: z.boolean().default(false),
    /**
     * How often the server checks its policy file for changes and puts a changed, valid policy in force
     * (recorded in the audit log first; docs/policy.md#reload). 0: only on SIGHUP (and on a release PostgreSQL announces, with policySource: store).
     */
    policyWatchIntervalMs: z.number().int().min(0).default(DEFAULT_POLICY_WATCH_INTERVAL_MS),
    /**
     * Where the policy in force comes from. `file`: the policy file, watched. `store`: the newest release
     * in the store (`bulwark policy promote --publish`), polled at the same interval, so every replica on
     * one PostgreSQL gets a release; the file serves only until the first release exists.
     */
    policySource: z.enum(['file', 'store']).default('file'),
    /**
     * The Ed25519 public keys (raw, base64: `bulwark identity show KEY.pub`) whose signature a release
     * needs before a server puts it in force. Required with `policySource: store`: without it, anyone
     * who can write to the database could set the fleet's policy.
     */
    policySigners: z
      .array(z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'an Ed25519 public key: 32 bytes in base64 (bulwark identity show KEY.pub)'))
      .max(64)
      .default([]),
    /** Optional second stage: an LLM judge for scores in the classifier's uncertain band. Unset: off. */
    judge: judgeConfigSchema.optional(),
  })
  .strict()
  .refine((guard) => guard.policySource !== 'store' || guard.policySigners.length > 0, {
    path: ['policySigners'],
    message: 'guard.policySource: store needs at least one key in guard.policySigners (releases are only put in force when one of them signed it)',
  });

export const vaultConfigSchema = z
  .object({
    /**
     * Risky, development only: keep the whole master key in a local file or an environment variable
     * (BULWARK_INSECURE_VAULT_MASTER_KEY) and unseal at start-up, instead of M-of-N Shamir shares.
     */
    insecureDevKeyProvider: z.enum(['insecure-local-file', 'insecure-env-key']).nullable().default(null),
  })
  .strict();

/** Conditional key release (docs/allowlist.md, "Conditional release"). */
/** A JSON webhook receiver (Slack incoming webhook, a pager, any HTTP endpoint). */
const webhookConfigSchema = z
  .object({
    url: z.string().regex(/^https?:\/\//, 'an http:// or https:// URL'),
    /** Default 5 s. */
    timeoutMs: z.number().int().min(100).max(60_000).optional(),
  })
  .strict();

export const allowlistConfigSchema = z
  .object({
    /**
     * `vault get` releases only to an allowlisted CLI: its program identity (node + bin/bulwark.js + dist
     * entry) must be allowlisted (`bulwark allowlist add --self`). Risky when false: the plaintext may go
     * to any program holding the grant. `bulwark exec` always checks the program it runs.
     */
    requiredForVaultGet: z.boolean().default(true),
    /** Distinct admins besides the requester that an allowlist change needs. */
    requiredApprovals: z.number().int().min(1).max(10).default(1),
    /** Where monitor reports (unknown or stopped programs) are POSTed besides the audit log. */
    webhook: webhookConfigSchema.optional(),
  })
  .strict();

export const accessConfigSchema = z
  .object({
    /**
     * Where new access requests (for approvers), break-glass and users changes (for admins) are POSTed
     * as JSON with a Slack-compatible `text` (docs/access.md, "Notifications"). A failed delivery never
     * blocks the action; it is logged and recorded in the audit event.
     */
    webhook: webhookConfigSchema.optional(),
  })
  .strict();

export const logConfigSchema = z
  .object({
    level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .strict();

export const configSchema = z
  .object({
    server: serverConfigSchema.default(serverConfigSchema.parse({})),
    auth: authConfigSchema.default(authConfigSchema.parse({})),
    storage: storageConfigSchema.default({ driver: 'sqlite', sqlite: { path: DEFAULT_SQLITE_FILE } }),
    guard: guardConfigSchema.default(guardConfigSchema.parse({})),
    log: logConfigSchema.default(logConfigSchema.parse({})),
    gateway: gatewayConfigSchema.default(gatewayConfigSchema.parse({})),
    vault: vaultConfigSchema.default(vaultConfigSchema.parse({})),
    access: accessConfigSchema.default(accessConfigSchema.parse({})),
    allowlist: allowlistConfigSchema.default(allowlistConfigSchema.parse({})),
    egress: egressConfigSchema.default(egressConfigSchema.parse({})),
  })
  .strict();

export type BulwarkConfigInput = z.input<typeof configSchema>;
export type BulwarkConfig = z.output<typeof configSchema>;
