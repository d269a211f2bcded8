import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { NENA_ANSWER_TARGETS, ringLevel, ringWords } from './ring-age.ts'

describe('ringLevel', () => {
  it('warns from 10 s, alerts from 15 s and is overdue past 20 s with NENA targets', () => {
    const level = (s: number) => ringLevel(s, NENA_ANSWER_TARGETS)
    assert.deepEqual([0, 9, 10, 14, 15, 20, 21].map(level), [
      'ok',
      'ok',
      'warn',
      'warn',
      'alert',
      'alert',
      'overdue',
    ])
  })

  it('follows the targets in force', () => {
    const targets = { ...NENA_ANSWER_TARGETS, answerSeconds: 10, limitSeconds: 30 }
    assert.equal(ringLevel(5, targets), 'warn')
    assert.equal(ringLevel(30, targets), 'alert')
    assert.equal(ringWords(ringLevel(31, targets), targets), 'past 30 s')
  })
})
