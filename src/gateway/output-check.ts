import type { GuardVerdict } from '../guard/guard.js';

/**
 * Decoders in the normalizer mean a rule's match in the normalized text may span up to this many times
 * its length in counted characters of the raw stream (kept-chars.ts). Decoded characters are folded
 * like typed ones, so a rule's ASCII letter may arrive as the UTF-8 of a look-alike of up to 4 bytes
 * (mathematical bold `𝐚`; fullwidth `ａ` is 3, Cyrillic `а` 2). The widest single decoding that counts
 * is such a letter in hex with separators, 12 characters (`f0 9d 90 9a `; percent-encoding is 12 too,
 * base64 under 6, plain ASCII in hex 3). `0x`-prefixed hex, character references and backslash escapes
 * count 0 but for their separators, as do characters the normalizer removes (invisible and control
 * characters, combining marks, whitespace runs), so neither they nor padding made of them stretch a
 * match. Not bounded by any factor (docs/gateway.md, Known limits): encodings nested inside each other.
 */
export const MAX_SINGLE_DECODE_EXPANSION = 12;

export interface HoldbackInputs {
  /** `RuleSet.longestOutputMatchChars` of the policy in force. */
  readonly longestRuleChars: number;
  /** `guard.windowOverlapChars`: the span the batch guard already guarantees to see whole. */
  readonly classifierOverlapChars: number;
  /** `gateway.stream.holdbackChars`, when the operator set it. */
  readonly configured?: number | undefined;
}

/** The hold-back that output rules matching up to `longestRuleChars` (`RuleSet.longestOutputMatchChars`) need. */
export function ruleHoldbackChars(longestRuleChars: number): number {
  return longestRuleChars * MAX_SINGLE_DECODE_EXPANSION;
}

/**
 * How many characters of output the stream guard holds back. A rule match in the raw stream is at
 * most `longestRuleChars × expansion` long, and the batch guard's overlapping windows see any span
 * of `windowOverlapChars` whole; holding back the larger of the two gives a streamed answer the same
 * guarantees as a whole one. A configured value below the rule bound would let a canary be split
 * across a release, so it is raised to the bound (the caller logs that).
 */
export function resolveHoldbackChars(inputs: HoldbackInputs): number {
  const ruleBound = ruleHoldbackChars(inputs.longestRuleChars);
  if (inputs.configured !== undefined) return Math.max(inputs.configured, ruleBound, 1);
  return Math.max(ruleBound, inputs.classifierOverlapChars, 1);
}

/**
 * Why a stream hold-back of `holdbackChars` cannot carry rules that match up to `longestRuleChars`
 * (`RuleSet.longestOutputMatchChars`), or null when it can. A running server's hold-back is fixed at start,
 * so a policy reload (and `bulwark policy promote`, which predicts it) refuses such a policy.
 */
export function holdbackShortfall(longestRuleChars: number, holdbackChars: number): string | null {
  const span = ruleHoldbackChars(longestRuleChars);
  return span > holdbackChars
    ? `a rule can match ${span} characters of raw output, more than the stream hold-back of ${holdbackChars} (a rule meant for requests alone can say appliesTo: input)`
    : null;
}

/** Classifies model output in the context of the conversation that produced it (the judge stage may await). */
export type ExchangeCheck = (output: string) => Promise<GuardVerdict>;

/**
 * The text an output check classifies: the tail of the conversation, then the output. Bounded so a
 * long conversation or a long answer costs the same per check (STYLE.md: bound the work per chunk).
 */
export function exchangeText(contextTail: string, output: string): string {
  return contextTail.length === 0 ? output : `${contextTail}\n${output}`;
}

export function conversationTail(conversation: string, contextChars: number): string {
  return contextChars === 0 ? '' : conversation.slice(-contextChars);
}
