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

const envVarName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name');

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

export const gatewayConfigSchema = z
  .object({
    upstreams: z
      .object({
        openai: openaiUpstreamSchema.default(openaiUpstreamSchema.parse({})),
        anthropic: anthropicUpstreamSchema.default(anthropicUpstreamSchema.parse({})),
      })
      .strict()
      .default({ openai: openaiUpstreamSchema.parse({}), anthropic: anthropicUpstreamSchema.parse({}) }),
    stream: gatewayStreamSchema.default(gatewayStreamSchema.parse({})),
  })
  .strict();

export type GatewayConfig = z.output<typeof gatewayConfigSchema>;
export type UpstreamConfig = GatewayConfig['upstreams']['openai'];
