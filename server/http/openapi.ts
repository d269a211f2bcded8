import { z } from 'zod'
import { ERROR_CODES } from '@common/api/errors.ts'
import type { AnyRoute, RouteDef } from './route.ts'
import { STATUS_BY_CODE } from './errors.ts'

type JsonSchema = Record<string, unknown>

function toSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema
  delete json.$schema
  return json
}

const ErrorSchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    field: z.string().optional(),
    requestId: z.string().optional(),
  }),
})

/** The OpenAPI 3.1 document, generated from the same zod schemas that validate requests. */
export function buildOpenApi(routes: AnyRoute[], version: string): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const def of routes as RouteDef[]) {
    const path = def.url.replace(/:([A-Za-z]+)/g, '{$1}')
    const parameters = [...parametersOf(def.params, 'path'), ...parametersOf(def.query, 'query')]
    const status = String(def.status ?? 200)
    const operation: Record<string, unknown> = {
      summary: def.summary,
      tags: [def.tag],
      security: def.access === 'public' ? [] : [{ session: [] }],
      ...(Array.isArray(def.access) ? { description: `Roles: ${def.access.join(', ')}.` } : {}),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(def.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: toSchema(def.body, 'input') } },
            },
          }
        : {}),
      responses: {
        [status]: {
          description: 'Success',
          ...(def.response
            ? { content: { 'application/json': { schema: toSchema(def.response, 'output') } } }
            : {}),
        },
        default: {
          description: 'Error',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
    }
    paths[path] = { ...paths[path], [def.method.toLowerCase()]: operation }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Emergency Communications Center platform',
      version,
      description:
        'Errors answer `{ error: { code, message, field } }`. Status by code: ' +
        Object.entries(STATUS_BY_CODE)
          .map(([code, http]) => `${code} ${http}`)
          .join(', ') +
        '. Live events: WebSocket at /api/live.',
    },
    paths,
    components: {
      schemas: { Error: toSchema(ErrorSchema, 'output') },
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'ecc_session',
          description: 'State changes also need the x-csrf-token header.',
        },
      },
    },
  }
}

function parametersOf(schema: z.ZodType | undefined, where: 'path' | 'query'): JsonSchema[] {
  if (!schema) return []
  const json = toSchema(schema, 'input') as {
    properties?: Record<string, JsonSchema>
    required?: string[]
  }
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: property,
  }))
}
