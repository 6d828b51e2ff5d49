/**
 * Folding for matching names and places: NFKD, diacritics removed, case-folded, punctuation
 * turned into single spaces. "Ennepe-Ruhr-Kreis" and "ennepe ruhr kreis" fold alike.
 */
export function foldForMatch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
