/**
 * The characters the normalizer removes, as regex character-class bodies, written once: normalize.ts
 * strips them, decode-segments.ts drops a reference that decodes to one, and the gateway's hold-back
 * (gateway/kept-chars.ts) must count every one of them as nothing, or padding could outrun it.
 */

/** Control characters other than whitespace (tab, newline, vertical tab, form feed, return). */
export const CONTROL_CLASS = '\\x00-\\x08\\x0E-\\x1F\\x7F-\\x9F';

/**
 * Zero-width and invisible formatting characters of the Basic Multilingual Plane: variation selectors,
 * the soft hyphen, bidi controls and the Hangul fillers. The Unicode tag block (a surrogate pair starting
 * with U+DB40) is removed as well and is matched apart by each user.
 */
export const INVISIBLE_CLASS =
  '\\u00AD\\u034F\\u061C\\u115F\\u1160\\u17B4\\u17B5\\u180E\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2064\\u2066-\\u206F\\u3164\\uFE00-\\uFE0F\\uFEFF\\uFFA0';
