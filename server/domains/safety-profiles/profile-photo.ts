import type { ProfilePhotoType } from '@common/api/safety-profiles.ts'
import { AppError } from '../../http/errors.ts'

const JPEG = [0xff, 0xd8, 0xff]
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

/**
 * What the file's first bytes say it is. The declared Content-Type is not trusted: a PNG sent as
 * image/jpeg is stored as the PNG it is, and a text or script file named .jpg is refused.
 */
export function sniffPhotoType(bytes: Uint8Array): ProfilePhotoType | null {
  const startsWith = (magic: number[]) => magic.every((byte, index) => bytes[index] === byte)
  if (startsWith(PNG)) return 'image/png'
  if (startsWith(JPEG)) return 'image/jpeg'
  return null
}

/** The upload's bytes, their real type, or the reason it is refused (naming the field `photo`). */
export function checkPhoto(
  body: unknown,
  maxBytes: number,
): { bytes: Buffer; contentType: ProfilePhotoType } {
  if (!Buffer.isBuffer(body) || body.length === 0) {
    throw new AppError(
      'photo_type_not_allowed',
      'photo: send the image itself as the body, with Content-Type image/jpeg or image/png',
      'photo',
    )
  }
  if (body.length > maxBytes) {
    throw new AppError(
      'photo_too_large',
      `photo: ${body.length} bytes; the largest allowed is ${maxBytes}`,
      'photo',
    )
  }
  const contentType = sniffPhotoType(body)
  if (!contentType) {
    throw new AppError('photo_type_not_allowed', 'photo: only JPEG and PNG images', 'photo')
  }
  return { bytes: body, contentType }
}
