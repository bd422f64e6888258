/**
 * Folding text for search and for sort keys: lower case, no diacritics, so that "lodz" finds Łódź,
 * "nurnberg" finds Nürnberg and "siauliai" finds Šiauliai. Unicode decomposition strips most marks;
 * the letters below have no decomposition (they are letters of their own, not a base letter plus a
 * mark) and SQLite's `remove_diacritics` leaves them alone too, so they are mapped here.
 */
const lettersWithoutDecomposition: Record<string, string> = {
  ł: 'l',
  Ł: 'L',
  ß: 'ss',
  ẞ: 'SS',
  đ: 'd',
  Đ: 'D',
  ð: 'd',
  Ð: 'D',
  ø: 'o',
  Ø: 'O',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  þ: 'th',
  Þ: 'TH',
  ħ: 'h',
  Ħ: 'H',
  ı: 'i',
  ŧ: 't',
  Ŧ: 'T',
  ŋ: 'n',
  Ŋ: 'N',
  ĸ: 'k',
}

const specialLetters = new RegExp(`[${Object.keys(lettersWithoutDecomposition).join('')}]`, 'gu')
const marks = /\p{M}/gu

const nonAscii = /[^\p{ASCII}]/u

/** Lower-cases `text` and removes its diacritics (Łódź -> lodz, Straße -> strasse). */
export function foldText(text: string): string {
  if (!nonAscii.test(text)) return text.toLowerCase()
  return text
    .replace(specialLetters, (letter) => lettersWithoutDecomposition[letter] ?? letter)
    .normalize('NFKD')
    .toLowerCase()
    .replace(marks, '')
}

/** The words of `text` after folding: runs of letters and digits, everything else separates. */
export function foldedWords(text: string): string[] {
  return foldText(text).match(/[\p{L}\p{N}]+/gu) ?? []
}
