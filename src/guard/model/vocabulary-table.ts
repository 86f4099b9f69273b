/**
 * Vocabulary lookup by a word's feature hash (open addressing), so scoring never allocates a
 * string per word. Two words sharing a 32-bit hash and length would share a vector; that is rare
 * enough (and its effect small enough) not to matter for a pooled average. `spells` then tells
 * whether the text is the vocabulary word itself, which is what per-word caches are keyed on.
 */
export class VocabularyTable {
  /**
   * Per slot: hash, row (-1 = empty), word length, offset of the word in `chars`. One slot is 16
   * bytes, so a lookup and the data to check the spelling cost one cache line.
   */
  private readonly slots: Int32Array;
  private readonly slotMask: number;
  /** Every vocabulary word's UTF-16 code units back to back. */
  private readonly chars: Uint16Array;

  constructor(words: readonly string[], hashWord: (word: string) => number) {
    let size = 1024;
    while (size < words.length * 2) size *= 2;
    this.slotMask = size - 1;
    this.slots = new Int32Array(size * 4);
    for (let slot = 0; slot < size; slot += 1) this.slots[slot * 4 + 1] = -1;
    this.chars = new Uint16Array(words.reduce((n, word) => n + word.length, 0));
    let offset = 0;
    words.forEach((word, row) => {
      const hash = hashWord(word);
      let slot = hash & this.slotMask;
      while (this.slots[slot * 4 + 1] !== -1) slot = (slot + 1) & this.slotMask;
      const at = slot * 4;
      this.slots[at] = hash;
      this.slots[at + 1] = row;
      this.slots[at + 2] = word.length;
      this.slots[at + 3] = offset;
      for (let i = 0; i < word.length; i += 1) this.chars[offset + i] = word.charCodeAt(i);
      offset += word.length;
    });
  }

  /**
   * The slot of the first word with this hash and length, or -1. Lengths compare capped at 255
   * (earlier versions kept them in a byte) so every word still maps to the row it always did.
   */
  find(hash: number, length: number): number {
    const slots = this.slots;
    const capped = length < 255 ? length : 255;
    let slot = hash & this.slotMask;
    for (;;) {
      const at = slot * 4;
      if (slots[at + 1] === -1) return -1;
      if (slots[at] === hash && Math.min(255, slots[at + 2]!) === capped) return slot;
      slot = (slot + 1) & this.slotMask;
    }
  }

  /** The vocabulary row stored in a slot that `find` returned. */
  row(slot: number): number {
    return this.slots[slot * 4 + 1]!;
  }

  /** Whether text[start, end) is exactly the word in `slot`, not another word with its hash. */
  spells(slot: number, text: Uint16Array, start: number, end: number): boolean {
    const at = slot * 4;
    if (this.slots[at + 2] !== end - start) return false;
    const chars = this.chars;
    const offset = this.slots[at + 3]! - start;
    for (let i = start; i < end; i += 1) if (chars[offset + i] !== text[i]) return false;
    return true;
  }
}
