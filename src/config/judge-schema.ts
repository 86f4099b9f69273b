import { z } from 'zod';
import { envVarName } from './gateway-schema.js';

// Named judge defaults with their units (STYLE.md §2).
/** A judge answers in well under a second on a local GPU; past this the failure mode decides. */
export const DEFAULT_JUDGE_TIMEOUT_MS = 2_000;
/** A verdict is one line or a small JSON object; more output is only cost. */
export const DEFAULT_JUDGE_MAX_TOKENS = 64;
/** The judge sees at most this much of the text the built-in classifier scored (its tail). */
export const DEFAULT_JUDGE_MAX_INPUT_CHARS = 8_000;
export const DEFAULT_JUDGE_CONNECTIONS = 32;
/**
 * The band of built-in scores the judge reviews: the classifier's uncertain zone. Below it the text is
 * plainly benign, at or above it plainly harmful; neither is worth a model call.
 */
export const DEFAULT_JUDGE_BAND_MIN = 0.1;
export const DEFAULT_JUDGE_BAND_MAX = 0.9;

/** A dotted path into the judge's JSON reply, e.g. `violation` or `result.violation`. */
const jsonPath = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/, 'a dotted field path like "violation"');

export const judgeVerdictSchema = z.discriminatedUnion('format', [
  /** Llama Guard: first line `safe` or `unsafe`, then optionally a line of categories (`S1,S9`). */
  z.object({ format: z.literal('llama-guard') }).strict(),
  /**
   * A JSON object (optionally in a ```json fence), e.g. gpt-oss-safeguard's `{"violation": 1, "category": "S9"}`.
   * `violationField` holds true/1 (unsafe) or false/0 (safe); `categoryField` a string or list of strings.
   */
  z
    .object({
      format: z.literal('json'),
      violationField: jsonPath.default('violation'),
      categoryField: jsonPath.default('category'),
    })
    .strict(),
]);

export const judgeConfigSchema = z
  .object({
    /** Base URL of an OpenAI-compatible API (vLLM, Ollama, …); `/v1/chat/completions` is appended. */
    baseUrl: z.url({ protocol: /^https?$/ }),
    model: z.string().min(1),
    /** The variable holding the judge's API key, if it needs one; the server reads it. */
    apiKeyEnv: envVarName.optional(),
    timeoutMs: z.number().int().min(10).max(120_000).default(DEFAULT_JUDGE_TIMEOUT_MS),
    connections: z.number().int().min(1).max(1_000).default(DEFAULT_JUDGE_CONNECTIONS),
    /** The judge is called only when the highest harmful-category score is in [min, max). */
    band: z
      .object({
        min: z.number().min(0).max(1).default(DEFAULT_JUDGE_BAND_MIN),
        max: z.number().min(0).max(1).default(DEFAULT_JUDGE_BAND_MAX),
      })
      .strict()
      .refine((band) => band.min < band.max, { message: 'band.min must be below band.max' })
      .default({ min: DEFAULT_JUDGE_BAND_MIN, max: DEFAULT_JUDGE_BAND_MAX }),
    verdict: judgeVerdictSchema.default({ format: 'llama-guard' }),
    /** Sent as the system message before the text (e.g. the policy a gpt-oss-safeguard model applies). */
    systemPrompt: z.string().min(1).max(100_000).optional(),
    maxTokens: z.number().int().min(1).max(4_096).default(DEFAULT_JUDGE_MAX_TOKENS),
    maxInputChars: z.number().int().min(100).max(1_000_000).default(DEFAULT_JUDGE_MAX_INPUT_CHARS),
  })
  .strict();

export type JudgeConfig = z.output<typeof judgeConfigSchema>;
export type JudgeVerdictFormat = JudgeConfig['verdict'];
