import { normalizeText, type NormalizedText } from '../normalize.js';
import { TRANSFORMS, applyTransform } from '../obfuscate.js';
import type { Random } from './random.js';
import type { TrainingRow } from './training-data.js';

/** Share of augmented copies that get a jailbreak-style wrapper, and an obfuscation transform. */
const WRAP_SHARE = 0.6;
const TRANSFORM_SHARE = 0.4;

export interface LabeledText {
  readonly input: NormalizedText;
  readonly label: string;
}

export function fillTemplate(template: string, text: string): string {
  return template.split('{0}').join(text);
}

/**
 * Every row once as written plus `copies` variants, wrapped and/or obfuscated. Both classes get
 * the same treatment so neither a wrapper nor an encoding becomes evidence of harm by itself;
 * the model has to learn to look through them to the request inside.
 */
export function augmentRows(rows: readonly TrainingRow[], wrappers: readonly string[], copies: number, random: Random): LabeledText[] {
  const out: LabeledText[] = [];
  for (const row of rows) {
    out.push({ input: normalizeText(row.text), label: row.label });
    for (let c = 0; c < copies; c += 1) out.push({ input: normalizeText(variant(row.text, wrappers, random)), label: row.label });
  }
  return out;
}

function variant(text: string, wrappers: readonly string[], random: Random): string {
  const wrap = wrappers.length > 0 && random.next() < WRAP_SHARE;
  const transform = random.next() < TRANSFORM_SHARE || !wrap;
  let out = text;
  // Obfuscate the payload first, as an attacker would before pasting it into a template.
  if (transform) out = applyTransform(random.pick(TRANSFORMS), out);
  if (wrap) out = fillTemplate(random.pick(wrappers), out);
  return out;
}
