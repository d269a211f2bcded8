import { CreateUserBody, UpdateUserBody, User } from '@common/api/staff.ts'
import { IdParams } from '@common/api/schemas.ts'
import { z } from 'zod'
import { route } from '../../http/route.ts'
import { createUser, getUser, listUsers, updateUser } from './users.service.ts'

const ADMIN = ['administrator'] as const

export const userRoutes = [
  route({
    method: 'GET',
    url: '/api/users',
    summary: 'Staff accounts',
    tag: 'staff',
    access: ADMIN,
    response: z.array(User),
    handle: ({ ctx }) => listUsers(ctx),
  }),
  route({
    method: 'POST',
    url: '/api/users',
    summary: 'Create a staff account',
    tag: 'staff',
    access: ADMIN,
    body: CreateUserBody,
    response: User,
    status: 201,
    handle: ({ ctx, body }) => createUser(ctx, body),
  }),
  route({
    method: 'GET',
    url: '/api/users/:id',
    summary: 'One staff account',
    tag: 'staff',
    access: ADMIN,
    params: IdParams,
    response: User,
    handle: ({ ctx, params }) => getUser(ctx, params.id),
  }),
  route({
    method: 'PATCH',
    url: '/api/users/:id',
    summary: 'Change roles, agency, activity or password; clear a lock-out',
    tag: 'staff',
    access: ADMIN,
    params: IdParams,
    body: UpdateUserBody,
    response: User,
    handle: ({ ctx, params, body }) => updateUser(ctx, params.id, body),
  }),
]
