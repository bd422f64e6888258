import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { foldText } from '@shared/text-fold'
import { searchQuery, textTokens } from '../../../electron/main/cache/search-keys'

/** Letters with no Unicode decomposition, and what a dispatcher types for them. */
const undecomposed: ReadonlyArray<readonly [string, string]> = [
  ['ł', 'l'],
  ['ß', 'ss'],
  ['đ', 'd'],
  ['ø', 'o'],
  ['æ', 'ae'],
  ['þ', 'th'],
]

describe('folding for search', () => {
  it("SQLite's unicode61 tokenizer leaves these letters alone, so the cache folds them itself", () => {
    const db = new Database(':memory:')
    db.exec("CREATE VIRTUAL TABLE t USING fts5 (b, tokenize = 'unicode61 remove_diacritics 2')")
    const insert = db.prepare('INSERT INTO t (b) VALUES (?)')
    const hits = db.prepare<[string], number>('SELECT count(*) FROM t WHERE t MATCH ?').pluck()
    for (const [letter, plain] of undecomposed) {
      db.exec('DELETE FROM t')
      insert.run(`x${letter}x`)
      expect(hits.get(`x${plain}x`), letter).toBe(0)
    }
    // Letters that do decompose into a base letter and a mark are folded by SQLite too.
    db.exec('DELETE FROM t')
    insert.run('łódź')
    expect(hits.get('łodz')).toBe(1)
    db.close()
  })

  it('folds every letter, upper and lower case', () => {
    for (const [letter, plain] of undecomposed) {
      expect(foldText(letter)).toBe(plain)
      expect(foldText(letter.toUpperCase())).toBe(plain)
    }
    expect(foldText('Łódź Nürnberg Šiauliai Straße Ørsted')).toBe(
      'lodz nurnberg siauliai strasse orsted',
    )
    expect(foldText('ÆGIR ÞÓRSSON')).toBe('aegir thorsson')
  })

  it('indexes words with and without their punctuation', () => {
    expect(textTokens('FR/2026/03/7ABC')).toEqual([
      'fr',
      '2026',
      '03',
      '7abc',
      'fr2026037abc',
      '2026037abc',
      '037abc',
    ])
    expect(textTokens('Łódź, 90-001; l.w@trans-pol.example')).toEqual([
      'lodz',
      '90',
      '001',
      '90001',
      'l',
      'w',
      'trans',
      'pol',
      'example',
      'lwtranspolexample',
      'wtranspolexample',
      'transpolexample',
      'polexample',
    ])
  })

  it('turns any text into quoted prefix terms of letters and digits only', () => {
    expect(searchQuery('Łódź')).toBe('"lodz"*')
    expect(searchQuery('FR/2026/03 müller')).toBe('"fr202603"* AND "muller"*')
    expect(searchQuery('"lodz" OR NEAR(a b) -x body:y * ( )')).toBe(
      '"lodz"* AND "or"* AND "neara"* AND "b"* AND "x"* AND "bodyy"*',
    )
    expect(searchQuery(`'; DROP TABLE freights; --`)).toBe('"drop"* AND "table"* AND "freights"*')
    expect(searchQuery(' -- * " ')).toBeNull()
  })
})
