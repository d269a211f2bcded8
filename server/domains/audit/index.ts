/** The append-only, hash-chained audit log. */
export { recordAudit, refuseAndAudit, type AuditEntry } from './audit.service.ts'
export { sealAuditChain, verifyAuditChain, type ChainReport } from './audit-chain.ts'
export { auditRoutes } from './audit.routes.ts'
