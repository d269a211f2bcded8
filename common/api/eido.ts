import { z } from 'zod'

/**
 * The NENA Emergency Incident Data Object (NENA-STA-021, JSON) as this platform emits it: only the
 * components and fields we fill. Field names are NENA's (NENA911/EIDO-JSON, Schema/openapi.yaml);
 * the registry values we use are in server/domains/incidents/eido/eido-registries.ts.
 */

/** A cross-reference: the `$id` of another component of the same document. */
export const EidoReference = z.object({ $ref: z.string() })
export type EidoReference = z.infer<typeof EidoReference>

/** The prologue every component carries. */
const Prologue = {
  $id: z.string(),
  lastUpdateTimeStamp: z.string(),
  updatedByAgencyReference: EidoReference,
  updatedByAgentReference: EidoReference.optional(),
}

const References = z.array(EidoReference)

export const EidoAgency = z.object({
  ...Prologue,
  agencyJcard: z.string().optional(),
  agencyRoleDescriptionRegistryText: z.array(z.string()),
  agencyType: z.array(z.string()),
  incidentOwningAgencyIndicator: z.boolean(),
})
export type EidoAgency = z.infer<typeof EidoAgency>

export const EidoAgent = z.object({
  ...Prologue,
  agentJcard: z.string().optional(),
  agentWorkstationPositionIdentification: z.string().optional(),
  agentRoleRegistryText: z.array(z.string()),
  agencyReference: EidoReference,
})
export type EidoAgent = z.infer<typeof EidoAgent>

export const EidoDisposition = z.object({
  ...Prologue,
  dispositionCommonRegistryCode: z.string(),
  dispositionPrimaryIndicator: z.boolean(),
  dispositionDescriptionText: z.string(),
})
export type EidoDisposition = z.infer<typeof EidoDisposition>

export const EidoIncident = z.object({
  ...Prologue,
  incidentTypeCommonRegistryText: z.string(),
  incidentTypeInternalCode: z.string(),
  incidentTypeInternalText: z.string(),
  incidentStatusCommonRegistryText: z.array(z.string()),
  incidentStatusInternalText: z.array(z.string()),
  internalIncidentId: z.string(),
  reportNumberType: z.string(),
  incidentCommonPriorityNumber: z.number().int(),
  incidentPriorityInternalText: z.string(),
  agentReference: References,
  locationReference: References,
  personReference: References,
  notesReference: References,
  dispositionComponent: z.array(EidoDisposition).optional(),
})
export type EidoIncident = z.infer<typeof EidoIncident>

export const EidoCall = z.object({
  ...Prologue,
  callStateRegistryText: z.string(),
  standardPrimaryCallType: z.string(),
  localCallType: z.string(),
  direction: z.enum(['incoming', 'outgoing', 'internal']),
  queueIdentifier: z.string().optional(),
  callStartTimestamp: z.string(),
  answerDate: z.string().optional(),
  callBackReference: EidoReference,
  locationReference: References,
  personReference: References,
  agentReference: References,
  agencyReference: References,
})
export type EidoCall = z.infer<typeof EidoCall>

export const EidoCallback = z.object({
  ...Prologue,
  callBackInformationUri: z.array(z.string()).optional(),
})
export type EidoCallback = z.infer<typeof EidoCallback>

export const EidoPerson = z.object({
  ...Prologue,
  personIncidentRoleRegistryText: z.array(z.string()),
  callIdentifier: z.array(z.string()),
  callBackReference: EidoReference,
  locationReference: References,
})
export type EidoPerson = z.infer<typeof EidoPerson>

export const EidoLocation = z.object({
  ...Prologue,
  locationTypeDescriptionRegistryText: z.string(),
  /** PIDF-LO (RFC 4119, RFC 5139 civic, RFC 5491 geodetic) as an XML document. */
  locationByValue: z.string().optional(),
  locationDescriptionText: z.string().optional(),
  notesReference: References.optional(),
})
export type EidoLocation = z.infer<typeof EidoLocation>

export const EidoEmergencyResource = z.object({
  ...Prologue,
  emergencyResourceTypeCommonRegistryText: z.string(),
  emergencyResourceTypeInternalText: z.string(),
  emergencyResourceName: z.string(),
  resourceAttributeRegistryText: z.array(z.string()),
  resourceAttributeInternalText: z.array(z.string()).optional(),
  primaryUnitStatusRegistryText: z.string(),
  secondaryUnitStatusRegistryText: z.array(z.string()),
  unitStatusInternal: z.array(z.string()),
  agentReference: References,
  unitLocationReference: EidoReference.optional(),
  activeOnIncidentId: z.string().optional(),
  stackedOnIncidentId: z.array(z.string()).optional(),
})
export type EidoEmergencyResource = z.infer<typeof EidoEmergencyResource>

export const EidoDispatch = z.object({
  ...Prologue,
  agencyReference: EidoReference,
  agentReference: EidoReference.optional(),
  emergencyResourceReference: References,
})
export type EidoDispatch = z.infer<typeof EidoDispatch>

export const EidoNotes = z.object({
  ...Prologue,
  /** HTML5 text. */
  notesActionComments: z.string(),
  agentReference: EidoReference.optional(),
  cautionReference: References.optional(),
})
export type EidoNotes = z.infer<typeof EidoNotes>

export const EidoCaution = z.object({
  ...Prologue,
  cautionTypeInternalText: z.string(),
  cautionTypeCommonRegistryText: z.string(),
  cautionSeverity: z.enum(['highest', 'high', 'normal', 'low', 'lowest']),
  startDate: z.string(),
})
export type EidoCaution = z.infer<typeof EidoCaution>

/** GET /api/incidents/:id/eido: the whole incident as one EIDO. */
export const EidoDocument = z.object({
  ...Prologue,
  eidoVersion: z.literal('1.0'),
  issuingElementIdentification: z.string(),
  incidentComponent: EidoIncident,
  agencyComponent: z.array(EidoAgency),
  agentComponent: z.array(EidoAgent),
  callComponent: z.array(EidoCall),
  callbackComponent: z.array(EidoCallback),
  personComponent: z.array(EidoPerson),
  locationComponent: z.array(EidoLocation),
  emergencyResourceComponent: z.array(EidoEmergencyResource),
  dispatchComponent: z.array(EidoDispatch),
  notesComponent: z.array(EidoNotes),
  cautionComponent: z.array(EidoCaution),
  '@context': z.object({ '@vocab': z.string() }),
})
export type EidoDocument = z.infer<typeof EidoDocument>
