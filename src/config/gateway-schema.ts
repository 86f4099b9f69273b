import { z } from 'zod';

/** Named gateway defaults with their units (STYLE.md §2). */
export const DEFAULT_OPENAI_BASE_URL = 'https://api.openai.com';
export const DEFAULT_ANTHROPIC_BASE_URL = 'https://api.anthropic.com';
export const DEFAULT_OPENAI_API_KEY_ENV = 'OPENAI_API_KEY';
export const DEFAULT_ANTHROPIC_API_KEY_ENV = 'ANTHROPIC_API_KEY';
/** Long: a reasoning model may think for minutes before its first byte. */
export const DEFAULT_UPSTREAM_TIMEOUT_MS = 600_000;
export const DEFAULT_UPSTREAM_CONNECTIONS = 128;
/** How many new output characters arrive before the stream is classified again. */
export const DEFAULT_STREAM_RESCORE_EVERY_CHARS = 128;
/** How much of the conversation (its tail, in characters) is classified together with the output. */
export const DEFAULT_STREAM_CONTEXT_CHARS = 1_000;

/** Conversation risk (issue 3 item 5): how fast it fades and where it flags and blocks. */
export const DEFAULT_RISK_CONVERSATION_HALF_LIFE_SECONDS = 1_800;
/** Longer than a conversation's: the account is what catches an attacker who opens a fresh one per step. */
export const DEFAULT_RISK_ACCOUNT_HALF_LIFE_SECONDS = 21_600;
/**
 * Risk units: a turn adds (its highest score ÷ that category's threshold) − floor, at most the cap. So
 * one turn, even a blocked one, never flags a conversation alone; about three clearly CBRN-leaning
 * turns in a row flag it, five block it. Chosen on data/eval/multiturn.jsonl (docs/gateway.md).
 */
export const DEFAULT_RISK_CONVERSATION_FLAG_AT = 1.5;
export const DEFAULT_RISK_CONVERSATION_BLOCK_AT = 2.4;
export const DEFAULT_RISK_ACCOUNT_FLAG_AT = 3;
export const DEFAULT_RISK_ACCOUNT_BLOCK_AT = 6;
/** A turn scoring below this share of its category's threshold adds nothing: ordinary science is noise. */
export const DEFAULT_RISK_TURN_FLOOR = 0.3;
/** The most one turn may add, so one false positive cannot flag a conversation by itself. */
export const DEFAULT_RISK_TURN_CAP = 0.5;
/** How long the gateway caches a tenant's active exemptions; a revocation takes effect within this. */
export const DEFAULT_EXEMPTION_CACHE_MS = 5_000;
/**
 * Classifier threads beside the event loop. One moves the classifier's CPU off the thread that serves
 * HTTP; each thread holds its own copy of the model (about 70 MB of RSS), so more is an explicit choice.
 */
export const DEFAULT_CLASSIFIER_THREADS = 1;
/** A classifier thread busy with one request's texts this long is stopped and the request denied. */
export const DEFAULT_CLASSIFIER_TIMEOUT_MS = 10_000;

export const envVarName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name');

function upstreamSchema(baseUrl: string, apiKeyEnv: string) {
  return z
    .object({
      /** Origin plus an optional path prefix; the wire format's path (e.g. /v1/messages) is appended. */
      baseUrl: z.url({ protocol: /^https?$/ }).default(baseUrl),
      /** The variable holding the upstream credential; the server reads it, the config never holds it. */
      apiKeyEnv: envVarName.default(apiKeyEnv),
      timeoutMs: z.number().int().min(100).default(DEFAULT_UPSTREAM_TIMEOUT_MS),
      connections: z.number().int().min(1).max(10_000).default(DEFAULT_UPSTREAM_CONNECTIONS),
    })
    .strict();
}

const openaiUpstreamSchema = upstreamSchema(DEFAULT_OPENAI_BASE_URL, DEFAULT_OPENAI_API_KEY_ENV);
const anthropicUpstreamSchema = upstreamSchema(DEFAULT_ANTHROPIC_BASE_URL, DEFAULT_ANTHROPIC_API_KEY_ENV);

export const gatewayStreamSchema = z
  .object({
    /**
     * Characters of model output held back until a classification covering them has passed. Unset,
     * it is derived from the policy's longest rule and the classifier's window overlap
     * (gateway/output-check.ts). A value below the longest rule's bound is raised to that bound.
     */
    holdbackChars: z.number().int().min(1).max(100_000).optional(),
    rescoreEveryChars: z.number().int().min(1).max(100_000).default(DEFAULT_STREAM_RESCORE_EVERY_CHARS),
    contextChars: z.number().int().min(0).max(100_000).default(DEFAULT_STREAM_CONTEXT_CHARS),
  })
  .strict();

export const gatewayRiskSchema = z
  .object({
    /** Risky: single-request judgement only, no conversation or account risk. */
    disableConversationRisk: z.boolean().default(false),
    conversationHalfLifeSeconds: z.number().positive().max(30 * 86_400).default(DEFAULT_RISK_CONVERSATION_HALF_LIFE_SECONDS),
    accountHalfLifeSeconds: z.number().positive().max(365 * 86_400).default(DEFAULT_RISK_ACCOUNT_HALF_LIFE_SECONDS),
    conversationFlagAt: z.number().positive().default(DEFAULT_RISK_CONVERSATION_FLAG_AT),
    conversationBlockAt: z.number().positive().default(DEFAULT_RISK_CONVERSATION_BLOCK_AT),
    accountFlagAt: z.number().positive().default(DEFAULT_RISK_ACCOUNT_FLAG_AT),
    accountBlockAt: z.number().positive().default(DEFAULT_RISK_ACCOUNT_BLOCK_AT),
    turnFloor: z.number().min(0).max(1).default(DEFAULT_RISK_TURN_FLOOR),
    turnCap: z.number().positive().max(100).default(DEFAULT_RISK_TURN_CAP),
  })
  .strict()
  .refine((r) => r.conversationFlagAt <= r.conversationBlockAt && r.accountFlagAt <= r.accountBlockAt, {
    message: 'each flagAt must be at most its blockAt',
  });

export const gatewayExemptionsSchema = z
  .object({
    cacheMs: z.number().int().min(0).max(300_000).default(DEFAULT_EXEMPTION_CACHE_MS),
  })
  .strict();

export const gatewayClassifierSchema = z
  .object({
    /** 0: classify on the event loop. */
    threads: z.number().int().min(0).max(64).default(DEFAULT_CLASSIFIER_THREADS),
    timeoutMs: z.number().int().min(100).max(600_000).default(DEFAULT_CLASSIFIER_TIMEOUT_MS),
  })
  .strict();

export const gatewayConfigSchema = z
  .object({
    /**
     * A request carrying content the guard cannot read (images, audio, files, binary documents):
     * `refuse` answers 400 GATEWAY_CONTENT_UNREAD; `pass` forwards it, its text classified as usual and
     * the unread kinds recorded with the decision. Refused by default: a request written into an image
     * would otherwise reach the model unclassified.
     */
    unreadContent: z.enum(['refuse', 'pass']).default('refuse'),
    upstreams: z
      .object({
        openai: openaiUpstreamSchema.default(openaiUpstreamSchema.parse({})),
        anthropic: anthropicUpstreamSchema.default(anthropicUpstreamSchema.parse({})),
      })
      .strict()
      .default({ openai: openaiUpstreamSchema.parse({}), anthropic: anthropicUpstreamSchema.parse({}) }),
    stream: gatewayStreamSchema.default(gatewayStreamSchema.parse({})),
    risk: gatewayRiskSchema.default(gatewayRiskSchema.parse({})),
    exemptions: gatewayExemptionsSchema.default(gatewayExemptionsSchema.parse({})),
    classifier: gatewayClassifierSchema.default(gatewayClassifierSchema.parse({})),
  })
  .strict();

export type GatewayConfig = z.output<typeof gatewayConfigSchema>;
export type UpstreamConfig = GatewayConfig['upstreams']['openai'];
export type GatewayRiskConfig = GatewayConfig['risk'];
