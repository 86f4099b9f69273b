import { describe, expect, it } from 'vitest';
import { CodeUnits } from '../code-units.js';
import { VocabularyTable } from './vocabulary-table.js';

// A deliberately weak hash (the first letter) so that collisions are the normal case here.
const firstLetter = (word: string): number => word.charCodeAt(0);

describe('VocabularyTable', () => {
  const words = ['virus', 'vapor', 'cell', 'x'.repeat(300)];
  const table = new VocabularyTable(words, firstLetter);
  const units = new CodeUnits();
  const lookup = (text: string): { row: number; spelled: boolean } => {
    const slot = table.find(firstLetter(text), text.length);
    return slot < 0 ? { row: -1, spelled: false } : { row: table.row(slot), spelled: table.spells(slot, units.of(text), 0, text.length) };
  };

  it('finds a word by hash and length and confirms its spelling', () => {
    expect(lookup('cell')).toEqual({ row: 2, spelled: true });
    expect(lookup('virus')).toEqual({ row: 0, spelled: true });
    expect(lookup('nothing')).toEqual({ row: -1, spelled: false });
  });

  it('maps a word that shares a hash and length to the first such row, but does not spell it', () => {
    expect(lookup('vapor')).toEqual({ row: 0, spelled: false });
    expect(lookup('vivid')).toEqual({ row: 0, spelled: false });
    expect(lookup('cells')).toEqual({ row: -1, spelled: false });
  });

  it('compares long words by length capped at 255, spelling by the whole word', () => {
    expect(lookup('x'.repeat(300))).toEqual({ row: 3, spelled: true });
    expect(lookup('x'.repeat(400))).toEqual({ row: 3, spelled: false });
    expect(lookup(`${'x'.repeat(299)}y`)).toEqual({ row: 3, spelled: false });
  });
});
