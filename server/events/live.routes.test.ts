import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { LiveEvent } from '@common/api/events.ts'
import { startTestPlatform, type StaffSession, type TestPlatform } from '../test/harness.ts'
import { staffWith } from '../test/factories.ts'
import { openConsole } from '../test/live-client.ts'
import { comparePositions, parsePosition } from './log-position.ts'

let t: TestPlatform
let baseUrl: string
before(async () => {
  t = await startTestPlatform()
  baseUrl = await t.platform.app.listen({ port: 0, host: '127.0.0.1' })
})
after(() => t.close())

const setState = (session: StaffSession, state: string, reason: string) =>
  session.request('POST', '/api/positions/current/state', { state, reason })

const reasons = (events: LiveEvent[]) =>
  events
    .filter((e) => e.type === 'position.state_changed')
    .map((e) => (e.payload as { reason: string }).reason)

function assertStrictlyOrdered(events: LiveEvent[]): void {
  for (let i = 1; i < events.length; i++) {
    const a = parsePosition(events[i - 1]!.position)!
    const b = parsePosition(events[i]!.position)!
    assert.equal(comparePositions(a, b), -1, `event ${i} is not after event ${i - 1}`)
  }
}

describe('GET /api/live', () => {
  it('refuses a console without a session with 401', async () => {
    await assert.rejects(openConsole(baseUrl, ''), /upgrade refused: 401/)
  })

  it('refuses a malformed resume position with 400', async () => {
    const dispatcher = await staffWith(t, ['dispatcher'])
    await assert.rejects(
      openConsole(baseUrl, dispatcher.cookie, 'yesterday'),
      /upgrade refused: 400/,
    )
  })

  it('pushes a committed event to a connected console', async () => {
    const dispatcher = await staffWith(t, ['dispatcher'])
    const calltaker = await staffWith(t, ['call_taker'], { atPosition: true })
    const console = await openConsole(baseUrl, dispatcher.cookie)
    await console.waitFor((m) => m.some((x) => x.type === 'live'))
    assert.equal(console.messages[0]?.type, 'hello')
    const reply = await setState(calltaker, 'ready', 'push-1')
    assert.equal(reply.statusCode, 200)
    await console.waitFor(() => reasons(console.events()).includes('push-1'))
    const event = console.events().find((e) => e.type === 'position.state_changed')!
    assert.equal(event.actorUserId, calltaker.userId)
    assert.equal(event.stream, `position:${calltaker.positionId}`)
    await console.close()
  })

  it('resumes after the position a console names: every missed event, once, in order', async () => {
    const dispatcher = await staffWith(t, ['dispatcher'])
    const calltaker = await staffWith(t, ['call_taker'], { atPosition: true })
    const first = await openConsole(baseUrl, dispatcher.cookie)
    await first.waitFor((m) => m.some((x) => x.type === 'live'))
    await setState(calltaker, 'ready', 'resume-1')
    await first.waitFor(() => reasons(first.events()).includes('resume-1'))
    const last = first.events().at(-1)!
    await first.close()

    for (let i = 2; i <= 6; i++) await setState(calltaker, i % 2 ? 'ready' : 'break', `resume-${i}`)
    const second = await openConsole(baseUrl, dispatcher.cookie, last.position)
    await second.waitFor(() => reasons(second.events()).includes('resume-6'))
    await setState(calltaker, 'not_ready', 'resume-7')
    await second.waitFor(() => reasons(second.events()).includes('resume-7'))
    assert.deepEqual(reasons(second.events()), [
      'resume-2',
      'resume-3',
      'resume-4',
      'resume-5',
      'resume-6',
      'resume-7',
    ])
    assertStrictlyOrdered(second.events())
    await second.close()
  })

  it('without a position, resumes after the one the console last acknowledged', async () => {
    const supervisor = await staffWith(t, ['supervisor'], { atPosition: true })
    const calltaker = await staffWith(t, ['call_taker'], { atPosition: true })
    const first = await openConsole(baseUrl, supervisor.cookie)
    await first.waitFor((m) => m.some((x) => x.type === 'live'))
    await setState(calltaker, 'ready', 'ack-1')
    await first.waitFor(() => reasons(first.events()).includes('ack-1'))
    first.send({ type: 'ack', position: first.events().at(-1)!.position })
    // Acknowledgements are stored in batches, every half second.
    await waitUntil(async () => {
      const row = await t.db
        .selectFrom('live_consumers')
        .select('position')
        .where('user_id', '=', supervisor.userId)
        .executeTakeFirst()
      return row?.position === first.events().at(-1)!.position
    })
    await first.close()

    await setState(calltaker, 'break', 'ack-2')
    const second = await openConsole(baseUrl, supervisor.cookie)
    await second.waitFor(() => reasons(second.events()).includes('ack-2'))
    assert.deepEqual(reasons(second.events()), ['ack-2'])
    await second.close()
  })

  it('with after=end, starts at the end of the log, whatever it acknowledged before', async () => {
    const supervisor = await staffWith(t, ['supervisor'], { atPosition: true })
    const calltaker = await staffWith(t, ['call_taker'], { atPosition: true })
    await setState(calltaker, 'ready', 'before-end-1')
    await setState(calltaker, 'break', 'before-end-2')
    const fresh = await openConsole(baseUrl, supervisor.cookie, 'end')
    await fresh.waitFor((m) => m.some((x) => x.type === 'live'))
    await setState(calltaker, 'ready', 'after-end')
    await fresh.waitFor(() => reasons(fresh.events()).includes('after-end'))
    assert.deepEqual(reasons(fresh.events()), ['after-end'])
    const hello = fresh.messages.find((m) => m.type === 'hello')
    assert.ok(hello && hello.type === 'hello' && hello.resumeFrom !== '0-0', 'hello names the end')
    await fresh.close()
  })

  it('sends each console only what its roles may see', async () => {
    const admin = await staffWith(t, ['administrator'])
    const dispatcher = await staffWith(t, ['dispatcher'])
    const adminConsole = await openConsole(baseUrl, admin.cookie)
    const dispatcherConsole = await openConsole(baseUrl, dispatcher.cookie)
    await adminConsole.waitFor((m) => m.some((x) => x.type === 'live'))
    await dispatcherConsole.waitFor((m) => m.some((x) => x.type === 'live'))
    const created = await admin.request('POST', '/api/users', {
      username: 'new.dispatcher',
      displayName: 'New Dispatcher',
      password: 'a long enough password',
      roles: ['dispatcher'],
    })
    assert.equal(created.statusCode, 201)
    await admin.request('POST', '/api/agencies', {
      code: 'BFD',
      name: 'Boylston FD',
      kind: 'fire',
      town: 'Boylston',
    })
    await adminConsole.waitFor(() => adminConsole.events().some((e) => e.type === 'agency.created'))
    await dispatcherConsole.waitFor(() =>
      dispatcherConsole.events().some((e) => e.type === 'agency.created'),
    )
    assert.ok(adminConsole.events().some((e) => e.type === 'user.created'))
    assert.equal(
      dispatcherConsole.events().some((e) => e.type === 'user.created'),
      false,
    )
    await adminConsole.close()
    await dispatcherConsole.close()
  })

  it('closes the console of a session that ended (user deactivated)', async () => {
    const admin = await staffWith(t, ['administrator'])
    const dispatcher = await staffWith(t, ['dispatcher'])
    const console = await openConsole(baseUrl, dispatcher.cookie)
    await console.waitFor((m) => m.some((x) => x.type === 'live'))
    const closed = console.closed()
    await t.platform.sweepSessions()
    assert.equal(console.isOpen(), true, 'an open session keeps its console')
    const response = await admin.request('PATCH', `/api/users/${dispatcher.userId}`, {
      isActive: false,
    })
    assert.equal(response.statusCode, 200)
    await t.platform.sweepSessions()
    assert.deepEqual(await closed, { code: 4401, reason: 'session ended' })
  })

  it('answers a malformed acknowledgement with an error message and keeps the stream open', async () => {
    const dispatcher = await staffWith(t, ['dispatcher'])
    const console = await openConsole(baseUrl, dispatcher.cookie)
    await console.waitFor((m) => m.some((x) => x.type === 'live'))
    console.send({ type: 'ack', position: 'nonsense' })
    await console.waitFor((m) => m.some((x) => x.type === 'error'))
    const calltaker = await staffWith(t, ['call_taker'], { atPosition: true })
    await setState(calltaker, 'ready', 'after-error')
    await console.waitFor(() => reasons(console.events()).includes('after-error'))
    await console.close()
  })
})

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
