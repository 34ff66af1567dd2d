import { searchKey } from '../../domain/persian-text.js';

/** A part of a text, and whether it is the part a search matched. */
export interface TextPart {
  text: string;
  match: boolean;
}

/**
 * `text` cut around the first place `query` appears in it, compared the way the search compares
 * (`searchKey`: ی/ي، ک/ك، ة/ه، digits, diacritics such as tashdid) and ignoring spaces and ZWNJ on
 * both sides, so that «محمدرضا» marks «محمد‌رضا» and «محمد رضا». One part, unmarked, when there is
 * no such place (a near miss found by the trigram search is shown unmarked).
 */
export function highlightParts(text: string, query: string): TextPart[] {
  const wanted = searchKey(query).replace(/ /g, '');
  if (!wanted) return [{ text, match: false }];
  // Each kept character of the text's key, and the index in `text` of the character it came from.
  let key = '';
  const from: number[] = [];
  for (let i = 0; i < text.length;) {
    const ch = String.fromCodePoint(text.codePointAt(i) as number);
    for (const k of searchKey(ch).replace(/ /g, '')) {
      key += k;
      from.push(i);
    }
    i += ch.length;
  }
  const at = key.indexOf(wanted);
  if (at < 0) return [{ text, match: false }];
  const start = from[at] as number;
  const lastFrom = from[at + wanted.length - 1] as number;
  const lastCh = String.fromCodePoint(text.codePointAt(lastFrom) as number);
  let end = lastFrom + lastCh.length;
  // Diacritics written after the last matched letter belong to it.
  while (end < text.length && searchKey(text[end] as string) === '' && !/\s|\u200c/.test(text[end] as string))
    end += 1;
  return [
    { text: text.slice(0, start), match: false },
    { text: text.slice(start, end), match: true },
    { text: text.slice(end), match: false },
  ].filter((p) => p.text !== '');
}
