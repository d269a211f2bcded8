import assert from 'node:assert/strict'
import path from 'node:path'
import { describe, it } from 'node:test'
import { loadConfig } from './config.ts'

describe(loadConfig.name, () => {
  it('defaults to the embedded database in ./data on port 8080, with the demo loaded', () => {
    const config = loadConfig({})
    assert.deepEqual(config.database, { kind: 'embedded', dataDir: path.resolve('./data') })
    assert.equal(config.port, 8080)
    assert.equal(config.loadDemo, true)
    assert.deepEqual(config.lockout, { attempts: 5, minutes: 10 })
    assert.equal(config.idleTimeoutMinutes, 30)
    assert.equal(config.auditRetentionDays, 365)
  })

  it('takes a server from DATABASE_URL and leaves the demo out of production', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://h/db', NODE_ENV: 'production' })
    assert.deepEqual(config.database, { kind: 'server', url: 'postgres://h/db' })
    assert.equal(config.loadDemo, false)
    assert.equal(config.secureCookies, true)
  })

  it('refuses settings below what the rules allow, naming the variable', () => {
    assert.throws(
      () => loadConfig({ ECC_AUDIT_RETENTION_DAYS: '30' }),
      /ECC_AUDIT_RETENTION_DAYS: at least 365 days/,
    )
    assert.throws(() => loadConfig({ ECC_LOCKOUT_MINUTES: '5' }), /ECC_LOCKOUT_MINUTES/)
    assert.throws(() => loadConfig({ ECC_IDLE_TIMEOUT_MINUTES: '45' }), /ECC_IDLE_TIMEOUT_MINUTES/)
    assert.throws(() => loadConfig({ PORT: 'eighty' }), /PORT/)
  })
})
