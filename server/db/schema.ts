import type { IdempotencyKeysTable } from '../commands/idempotency.table.ts'
import type { AuditChainTable, AuditLogTable } from '../domains/audit/audit.table.ts'
import type { SessionsTable } from '../domains/staff/sessions.table.ts'
import type { AgenciesTable, PositionsTable, UsersTable } from '../domains/staff/staff.table.ts'
import type { EventsTable, LiveConsumersTable } from '../events/events.table.ts'
import type {
  CallDeliveriesTable,
  CallDuplicateDismissalsTable,
  CallTextsTable,
  CallLocationsTable,
  CallsTable,
} from '../domains/calls/calls.table.ts'
import type {
  BolosTable,
  DispositionsTable,
  IncidentNotesTable,
  IncidentNumberCountersTable,
  IncidentsTable,
  NatureCodesTable,
  PremiseCautionsTable,
  ResponsePlansTable,
} from '../domains/incidents/incidents.table.ts'
import type {
  StationsTable,
  UnitAssignmentsTable,
  UnitEmergenciesTable,
  UnitTimerAlertsTable,
  UnitTimerSettingsTable,
  UnitsTable,
} from '../domains/units/units.table.ts'
import type {
  AddressPointsTable,
  GeographyLayersTable,
  JurisdictionsTable,
  MsagRangesTable,
  PlaceNamesTable,
  ResponseZonesTable,
  RoadSegmentsTable,
} from '../domains/geography/geography.table.ts'
import type { OutboxMessagesTable } from '../domains/messaging/messaging.table.ts'
import type {
  ResidentAccountsTable,
  ResidentPhonesTable,
  ResidentSessionsTable,
} from '../domains/residents/residents.table.ts'
import type {
  DisabilityIndicatorsTable,
  DisabilityRequestsTable,
} from '../domains/disability-registry/disability-registry.table.ts'
import type {
  SafetyProfilePhotosTable,
  SafetyProfilesTable,
} from '../domains/safety-profiles/safety-profiles.table.ts'
import type {
  RecordingCustodyTable,
  RecordingsTable,
} from '../domains/recordings/recordings.table.ts'
import type {
  RecordsDownloadsTable,
  RecordsHolidaysTable,
  RecordsHolidayYearsTable,
  RecordsReleaseFilesTable,
  RecordsRequestCountersTable,
  RecordsRequestPaymentsTable,
  RecordsRequestsTable,
} from '../domains/records-requests/records-requests.table.ts'
import type {
  AlertContactsTable,
  AlertListsTable,
  AlertSubscriberAddressesTable,
  AlertSubscribersTable,
} from '../domains/alert-subscribers/alert-subscribers.table.ts'
import type {
  AlertIdentifierCountersTable,
  AlertsTable,
  AlertTemplatesTable,
} from '../domains/alerts/alerts.table.ts'
import type {
  AlertDeliveriesTable,
  AlertDeliveryLeaseTable,
} from '../domains/alert-delivery/alert-delivery.table.ts'
import type { Kysely, Transaction } from 'kysely'

/** Every table, assembled from the `*.table.ts` files of the domains that own them. */
export interface Database {
  agencies: AgenciesTable
  users: UsersTable
  positions: PositionsTable
  sessions: SessionsTable
  events: EventsTable
  live_consumers: LiveConsumersTable
  idempotency_keys: IdempotencyKeysTable
  audit_log: AuditLogTable
  audit_chain: AuditChainTable
  stations: StationsTable
  units: UnitsTable
  unit_timer_settings: UnitTimerSettingsTable
  unit_timer_alerts: UnitTimerAlertsTable
  unit_emergencies: UnitEmergenciesTable
  nature_codes: NatureCodesTable
  response_plans: ResponsePlansTable
  dispositions: DispositionsTable
  incident_number_counters: IncidentNumberCountersTable
  incidents: IncidentsTable
  incident_notes: IncidentNotesTable
  unit_assignments: UnitAssignmentsTable
  premise_cautions: PremiseCautionsTable
  bolos: BolosTable
  calls: CallsTable
  call_locations: CallLocationsTable
  call_duplicate_dismissals: CallDuplicateDismissalsTable
  call_deliveries: CallDeliveriesTable
  call_texts: CallTextsTable
  address_points: AddressPointsTable
  road_segments: RoadSegmentsTable
  msag_ranges: MsagRangesTable
  jurisdictions: JurisdictionsTable
  response_zones: ResponseZonesTable
  place_names: PlaceNamesTable
  geography_layers: GeographyLayersTable
  resident_accounts: ResidentAccountsTable
  resident_sessions: ResidentSessionsTable
  resident_phones: ResidentPhonesTable
  outbox_messages: OutboxMessagesTable
  safety_profiles: SafetyProfilesTable
  safety_profile_photos: SafetyProfilePhotosTable
  disability_requests: DisabilityRequestsTable
  disability_indicators: DisabilityIndicatorsTable
  recordings: RecordingsTable
  recording_custody: RecordingCustodyTable
  records_holidays: RecordsHolidaysTable
  records_holiday_years: RecordsHolidayYearsTable
  records_request_counters: RecordsRequestCountersTable
  records_requests: RecordsRequestsTable
  records_request_payments: RecordsRequestPaymentsTable
  records_release_files: RecordsReleaseFilesTable
  records_downloads: RecordsDownloadsTable
  alert_lists: AlertListsTable
  alert_subscribers: AlertSubscribersTable
  alert_subscriber_addresses: AlertSubscriberAddressesTable
  alert_contacts: AlertContactsTable
  alert_templates: AlertTemplatesTable
  alerts: AlertsTable
  alert_identifier_counters: AlertIdentifierCountersTable
  alert_deliveries: AlertDeliveriesTable
  alert_delivery_lease: AlertDeliveryLeaseTable
}

/** What repository functions take first: the database or a transaction on it. */
export type Db = Kysely<Database> | Transaction<Database>
export type Trx = Transaction<Database>
