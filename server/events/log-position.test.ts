import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { START, comparePositions, formatPosition, parsePosition } from './log-position.ts'

describe('log positions', () => {
  it('round-trips through text, beyond the range of a JavaScript number', () => {
    const position = { tx: 18446744073709551000n, id: 9007199254740993n }
    assert.deepEqual(parsePosition(formatPosition(position)), position)
    assert.equal(formatPosition(START), '0-0')
  })

  it('refuses anything else', () => {
    for (const text of ['', '12', '12-', '-3', '1-2-3', 'a-b', '1.5-2']) {
      assert.equal(parsePosition(text), null, text)
    }
  })

  it('orders by transaction first, then by event id', () => {
    assert.equal(comparePositions({ tx: 5n, id: 100n }, { tx: 6n, id: 1n }), -1)
    assert.equal(comparePositions({ tx: 6n, id: 2n }, { tx: 6n, id: 1n }), 1)
    assert.equal(comparePositions({ tx: 6n, id: 2n }, { tx: 6n, id: 2n }), 0)
  })
})
