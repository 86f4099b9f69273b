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
  // Each window of `limit` characters is cut after its last sentence end, else at its last space
  // (not its first character), else at its end. Searching back from the window's end reads a few
  // characters per chunk, not all of them.
  while (text.length - start >= limit) {
    const last = start + limit - 1;
    let cut = afterLastSentenceEnd(text, start, last);
    if (cut < 0) cut = lastSpace(text, start + 1, last);
    if (cut < 0) cut = last + 1;
    chunks.push(text.slice(start, cut));
    start = cut;
  }
  if (start < text.length) chunks.push(text.slice(start));
  return chunks.filter((chunk) => chunk.trim() !== '');
}

/** The index after the last sentence end in text[from, to], or -1. */
function afterLastSentenceEnd(text: string, from: number, to: number): number {
  for (let i = to; i >= from; i -= 1) if (isSentenceEnd(text.charCodeAt(i))) return i + 1;
  return -1;
}

/** The index of the last space in text[from, to], or -1. */
function lastSpace(text: string, from: number, to: number): number {
  for (let i = to; i >= from; i -= 1) if (text.charCodeAt(i) === 32) return i;
  return -1;
}
