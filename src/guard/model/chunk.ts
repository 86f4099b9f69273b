/**
 * Long texts are scored as sentence-aligned chunks and each category takes its maximum over the
 * chunks. Reason: a harmful question pasted into a long jailbreak template is one sentence among
 * many; scored as one bag of features it is diluted below any threshold, scored as its own chunk
 * it reads like the short requests the model was trained on.
 */
export const CHUNK_CHARS = 400;

function isSentenceEnd(c: number): boolean {
  return c === 46 || c === 33 || c === 63 || c === 10;
}

/** Splits after sentence ends; a run longer than `limit` is cut at its last space before it. */
export function chunkText(text: string, limit: number = CHUNK_CHARS): string[] {
  if (text.length <= limit) return [text];
  const chunks: string[] = [];
  let start = 0;
  let lastSentenceEnd = -1;
  let lastSpace = -1;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 32) lastSpace = i;
    if (isSentenceEnd(c)) lastSentenceEnd = i + 1;
    if (i - start + 1 < limit) continue;
    const cut = lastSentenceEnd > start ? lastSentenceEnd : lastSpace > start ? lastSpace : i + 1;
    chunks.push(text.slice(start, cut));
    start = cut;
    lastSentenceEnd = -1;
  }
  if (start < text.length) chunks.push(text.slice(start));
  return chunks.filter((chunk) => chunk.trim() !== '');
}
