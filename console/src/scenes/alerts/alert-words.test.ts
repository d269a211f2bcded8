import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { characterWords, estimateWords } from './alert-words.ts'

describe(estimateWords.name, () => {
  it('says durations as people do', () => {
    assert.equal(estimateWords(0), 'at once')
    assert.equal(estimateWords(40), 'under a minute')
    assert.equal(estimateWords(89), 'about 1 minute')
    assert.equal(estimateWords(730), 'about 12 minutes')
    assert.equal(estimateWords(3600), 'about 1 hour')
    assert.equal(estimateWords(2 * 3600 + 5 * 60), 'about 2 hours 5 minutes')
  })
})

describe(characterWords.name, () => {
  it('shows a visible character with its code point, an invisible one by code point alone', () => {
    assert.equal(characterWords('’'), '“’” U+2019')
    assert.equal(characterWords('\u00a0'), 'U+00A0')
  })
})
