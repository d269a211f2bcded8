import { AuditEntry, ListAuditQuery, PurgeAuditBody } from '@common/api/audit.ts'
import { z } from 'zod'
import { route } from '../../http/route.ts'
import { sealAuditChain, verifyAuditChain } from './audit-chain.ts'
import { presentAuditRow } from './audit.presenter.ts'
import { listAudit, purgeAudit, recordAudit } from './audit.service.ts'

export const auditRoutes = [
  route({
    method: 'GET',
    url: '/api/audit',
    summary: 'Audit rows, newest first (the read is itself audited)',
    tag: 'audit',
    access: ['supervisor', 'administrator'],
    query: ListAuditQuery,
    response: z.array(AuditEntry),
    handle: async ({ ctx, query }) => (await listAudit(ctx, query)).map(presentAuditRow),
  }),
  route({
    method: 'POST',
    url: '/api/audit/purge',
    summary: 'Delete audit rows older than a date; refused inside the retention period',
    tag: 'audit',
    access: ['administrator'],
    body: PurgeAuditBody,
    response: z.object({ deleted: z.number().int() }),
    handle: ({ ctx, body }) => purgeAudit(ctx, new Date(body.before)),
  }),
  route({
    method: 'POST',
    url: '/api/audit/verify',
    summary: 'Seal and check the hash chain; names the first broken row',
    tag: 'audit',
    access: ['administrator'],
    async handle({ ctx }) {
      await sealAuditChain(ctx.db, { wait: true })
      const report = await verifyAuditChain(ctx.db)
      await ctx.db.transaction().execute((trx) =>
        recordAudit(trx, ctx, {
          component: 'audit',
          eventType: 'audit.verified',
          outcome: report.ok ? 'success' : 'failure',
          details: { ...report },
        }),
      )
      return report
    },
  }),
]
