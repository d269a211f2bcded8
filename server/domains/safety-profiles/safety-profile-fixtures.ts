import type { LightMyRequestResponse } from 'fastify'
import type { SafetyProfileInput } from '@common/api/safety-profiles.ts'
import type { ResidentSessionView } from '@common/api/residents.ts'
import { CSRF_HEADER } from '../staff/index.ts'
import type { TestPlatform } from '../../test/harness.ts'
import type { ResidentSession } from '../../test/residents.ts'

/** The first bytes of real files, padded to a size: what the server's sniffing looks at. */
export const PNG_BYTES = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])
export const JPEG_BYTES = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46])

export function jpegOfSize(size: number): Buffer {
  const bytes = Buffer.alloc(size, 0x20)
  JPEG_BYTES.copy(bytes)
  return bytes
}

export const sampleProfile = (memberId?: string): SafetyProfileInput => ({
  members: [
    {
      ...(memberId ? { id: memberId } : {}),
      name: 'Rosa Rivera',
      age: 81,
      medicalConditions: ['COPD', 'type 2 diabetes'],
      medications: ['insulin'],
      mobilityNeeds: 'Uses a walker; bedroom on the first floor',
      communicationNeeds: 'Hard of hearing: speak slowly',
      languages: ['Spanish', 'English'],
    },
  ],
  pets: [{ name: 'Toby', kind: 'dog', notes: 'Friendly, stays in the kitchen' }],
  vehicles: [{ make: 'Honda', model: 'Civic', color: 'blue', plate: '1ABC23', state: 'MA' }],
  home: {
    gasShutOff: 'Basement, left of the stairs',
    keyBox: 'Left of the back door, code with the fire department',
    floorPlanNotes: 'Three floors; Rosa sleeps in the front room, first floor',
  },
  contacts: [{ name: 'Ana Rivera', relationship: 'daughter', phone: '508-555-0199' }],
})

/** Uploads raw bytes as a member's photo, with the portal cookie and CSRF token. */
export async function uploadPhoto(
  t: TestPlatform,
  resident: ResidentSession,
  memberId: string,
  bytes: Buffer | string,
  contentType: string,
): Promise<LightMyRequestResponse> {
  const session = await resident.request('GET', '/api/portal/session')
  const { csrfToken } = session.json<ResidentSessionView>()
  return t.platform.app.inject({
    method: 'POST',
    url: `/api/portal/safety-profile/members/${memberId}/photo`,
    headers: { cookie: resident.cookie, [CSRF_HEADER]: csrfToken, 'content-type': contentType },
    payload: bytes,
  })
}
