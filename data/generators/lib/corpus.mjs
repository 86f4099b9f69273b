// Shared helpers for the corpus generators: seeded PRNG, text-hash split, dedupe/sort/number, write.
// (Older generators carry their own copies; they are left alone so their files regenerate byte for byte.)

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** mulberry32: a small deterministic PRNG returning floats in [0, 1). */
export function mulberry32(seed) {
  let a = seed;
  return function next() {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function fnv1a(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Splits a "a | b | c" block into trimmed, non-empty items. */
export const list = (s) => s.split('|').map((x) => x.trim()).filter(Boolean);

export const pick = (random, items) => items[Math.floor(random() * items.length)];

/** Case- and punctuation-insensitive key for deduplication. */
export const dedupeKey = (text) => text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/**
 * Deduplicates, sorts by (topic, text), numbers ids per topic and assigns the split (~10% val) from
 * a hash of the text, then writes JSONL.
 */
export function writeRows(path, rows, { idPrefix, label }) {
  const seen = new Set();
  const kept = rows
    .filter((r) => {
      const k = dedupeKey(r.text);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  const perTopic = new Map();
  const out = kept.map((r) => {
    const n = (perTopic.get(r.topic) ?? 0) + 1;
    perTopic.set(r.topic, n);
    return { id: `${idPrefix}-${r.topic}-${String(n).padStart(5, '0')}`, text: r.text, label, topic: r.topic, split: fnv1a(r.text) % 10 === 0 ? 'val' : 'train' };
  });
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, out.map((o) => JSON.stringify(o)).join('\n') + '\n');
  return out;
}

const STOP = new Set(list(`a | an | the | of | to | in | on | for | and | or | is | are | do | does | how | what | why | which | it | i | my | me | you | can | with | this | that | be`));
const contentWords = (text) => new Set(dedupeKey(text).split(' ').filter((w) => w !== '' && !STOP.has(w)));

/** Our own multi-turn evaluation turns (content-word sets): never trained on, nor close paraphrases of them. */
export function evaluationTurns(file) {
  const turns = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    for (const m of JSON.parse(line).messages ?? []) if (m.role === 'user') turns.push(contentWords(m.content));
  }
  return turns;
}

/** True when the row shares at least half of its content words with an evaluation turn (Jaccard >= 0.5). */
export function nearEvaluationTurn(text, turns) {
  const words = contentWords(text);
  return turns.some((turn) => {
    let shared = 0;
    for (const w of words) if (turn.has(w)) shared += 1;
    return shared / (words.size + turn.size - shared) >= 0.5;
  });
}

/**
 * Draws `make()` until `quota` distinct texts are kept (`keep` may refuse one after it counts as seen);
 * throws when 50 draws per wanted text were not enough, rather than looping forever on a narrow frame set.
 */
export function drawDistinct(quota, make, { name = 'rows', keep = () => true } = {}) {
  const seen = new Set();
  const kept = [];
  for (let attempts = 0; kept.length < quota; attempts += 1) {
    if (attempts > quota * 50) throw new Error(`cannot fill ${name}: ${kept.length}/${quota}`);
    const text = make();
    if (seen.has(text)) continue;
    seen.add(text);
    if (keep(text)) kept.push(text);
  }
  return kept;
}
