import type { ColumnType, Insertable, Selectable } from 'kysely'
import type {
  EmergencyContact,
  HomeDetails,
  HouseholdMember,
  Pet,
  ProfilePhotoType,
  Vehicle,
} from '@common/api/safety-profiles.ts'

type Json<T> = ColumnType<T, string, string>

/** What the `content` column holds: the profile as last saved, every member with its id. */
export interface StoredProfileContent {
  members: HouseholdMember[]
  pets: Pet[]
  vehicles: Vehicle[]
  home: HomeDetails
  contacts: EmergencyContact[]
}

export interface SafetyProfilesTable {
  account_id: string
  content: Json<StoredProfileContent>
  confirmed_at: Date
  reminded_at: Date | null
  created_at: ColumnType<Date, Date | string | undefined, never>
  updated_at: Date
}
export type SafetyProfileRow = Selectable<SafetyProfilesTable>
export type NewSafetyProfileRow = Insertable<SafetyProfilesTable>

export interface SafetyProfilePhotosTable {
  account_id: string
  member_id: string
  content_type: ProfilePhotoType
  byte_size: number
  /** A Buffer from node-postgres, a Uint8Array from PGlite. */
  bytes: Uint8Array
  uploaded_at: Date
}
export type SafetyProfilePhotoRow = Selectable<SafetyProfilePhotosTable>
