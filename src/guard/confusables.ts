/**
 * Look-alike characters that survive NFKC (Cyrillic, Greek, Latin IPA) mapped to the ASCII letter a
 * reader sees. NFKC already folds fullwidth and mathematical alphanumerics; this table covers what
 * it leaves, which is what homoglyph attacks use to split a keyword into tokens the model never saw.
 * Subset of Unicode UTS #39 confusables.txt restricted to single letters that look like a-z / A-Z.
 */
const PAIRS: readonly (readonly [string, string])[] = [
  // Cyrillic lower case
  ['а', 'a'], ['в', 'b'], ['с', 'c'], ['ԁ', 'd'], ['е', 'e'], ['ё', 'e'], ['һ', 'h'], ['і', 'i'],
  ['ї', 'i'], ['ј', 'j'], ['к', 'k'], ['ӏ', 'l'], ['м', 'm'], ['н', 'h'], ['о', 'o'], ['р', 'p'],
  ['ԛ', 'q'], ['г', 'r'], ['ѕ', 's'], ['т', 't'], ['ц', 'u'], ['ѵ', 'v'], ['ԝ', 'w'], ['х', 'x'],
  ['у', 'y'], ['ү', 'y'], ['ь', 'b'], ['п', 'n'],
  // Cyrillic upper case
  ['А', 'A'], ['В', 'B'], ['С', 'C'], ['Ԁ', 'D'], ['Е', 'E'], ['Ё', 'E'], ['Һ', 'H'], ['І', 'I'],
  ['Ј', 'J'], ['К', 'K'], ['Ӏ', 'I'], ['М', 'M'], ['Н', 'H'], ['О', 'O'], ['Р', 'P'], ['Ԛ', 'Q'],
  ['Ѕ', 'S'], ['Т', 'T'], ['Ѵ', 'V'], ['Ԝ', 'W'], ['Х', 'X'], ['У', 'Y'], ['Ү', 'Y'], ['Ζ', 'Z'],
  // Greek
  ['α', 'a'], ['β', 'b'], ['ε', 'e'], ['η', 'n'], ['ι', 'i'], ['κ', 'k'], ['ν', 'v'], ['ο', 'o'],
  ['ρ', 'p'], ['τ', 't'], ['υ', 'u'], ['χ', 'x'], ['γ', 'y'], ['ω', 'w'],
  ['Α', 'A'], ['Β', 'B'], ['Ε', 'E'], ['Η', 'H'], ['Ι', 'I'], ['Κ', 'K'], ['Μ', 'M'], ['Ν', 'N'],
  ['Ο', 'O'], ['Ρ', 'P'], ['Τ', 'T'], ['Υ', 'Y'], ['Χ', 'X'],
  // Latin letters from IPA and extensions
  ['ɑ', 'a'], ['ɡ', 'g'], ['ɩ', 'i'], ['ɪ', 'i'], ['ʟ', 'l'], ['ɴ', 'n'], ['ʀ', 'r'], ['ʏ', 'y'],
  ['ı', 'i'], ['ȷ', 'j'], ['ℓ', 'l'],
];

export const CONFUSABLES: ReadonlyMap<number, string> = new Map(
  PAIRS.map(([from, to]) => [from.codePointAt(0) ?? 0, to] as const),
);

/** Latin letter to one look-alike, used by the `homoglyph` obfuscation transform. */
export const HOMOGLYPH_OF: ReadonlyMap<string, string> = new Map([
  ['a', 'а'], ['c', 'с'], ['e', 'е'], ['i', 'і'], ['j', 'ј'], ['o', 'о'], ['p', 'р'], ['s', 'ѕ'],
  ['x', 'х'], ['y', 'у'], ['A', 'А'], ['B', 'В'], ['C', 'С'], ['E', 'Е'], ['H', 'Н'], ['K', 'К'],
  ['M', 'М'], ['O', 'О'], ['P', 'Р'], ['T', 'Т'], ['X', 'Х'],
]);
