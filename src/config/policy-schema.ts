import { z } from 'zod';
import { MAX_RULE_PATTERN_CHARS } from './defaults.js';

export const ACTIONS = ['block', 'flag', 'allow'] as const;
export type PolicyAction = (typeof ACTIONS)[number];
/**
 * What a rule is matched against: `input` is every text submitted for judgement (gateway requests,
 * `/v1/classify`, `/v1/moderations`), `output` the model's output checked by the gateway (with the
 * conversation tail it answers). Only rules that apply to output must fit the stream hold-back.
 */
export const RULE_SCOPES = ['both', 'input', 'output'] as const;
export type RuleScope = (typeof RULE_SCOPES)[number];

const categoryId = z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/, 'a dotted lowercase id like "cbrn.bio"');

export const harmfulCategorySchema = z
  .object({
    description: z.string().min(40, 'a paragraph saying what is in and out of scope'),
    threshold: z.number().gt(0).lt(1),
    action: z.enum(ACTIONS),
    /** Score at or above which the action is at least `flag` even when below `threshold`. */
    flagThreshold: z.number().gt(0).lt(1).optional(),
  })
  .strict();

export const harmlessCategorySchema = z
  .object({
    id: categoryId,
    description: z.string().min(10),
  })
  .strict();

export const ruleMatchSchema = z.union([
  z.object({ literal: z.string().min(1).max(MAX_RULE_PATTERN_CHARS), caseSensitive: z.boolean().default(false) }).strict(),
  z.object({ regex: z.string().min(1).max(MAX_RULE_PATTERN_CHARS), flags: z.string().regex(/^[imsu]*$/).default('i') }).strict(),
]);

export const ruleSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/),
    description: z.string().optional(),
    match: ruleMatchSchema,
    category: categoryId,
    action: z.enum(ACTIONS),
    appliesTo: z.enum(RULE_SCOPES).default('both'),
  })
  .strict();

export const policySchema = z
  .object({
    name: z.string().min(1),
    version: z.string().min(1),
    mode: z.enum(['enforce', 'shadow']).default('enforce'),
    categories: z
      .object({
        harmful: z.record(categoryId, harmfulCategorySchema),
        harmless: z.array(harmlessCategorySchema).default([]),
      })
      .strict(),
    rules: z.array(ruleSchema).default([]),
    decisionLog: z
      .object({
        /** Store the raw input text with each decision. Off by default: the hash is enough to correlate. */
        storeInput: z.boolean().default(false),
      })
      .strict()
      .default({ storeInput: false }),
  })
  .strict();

export type PolicyInput = z.input<typeof policySchema>;
export type Policy = z.output<typeof policySchema>;
export type PolicyRule = z.output<typeof ruleSchema>;
export type HarmfulCategory = z.output<typeof harmfulCategorySchema>;
