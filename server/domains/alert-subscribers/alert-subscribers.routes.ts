import {
  AlertAddressBody,
  AlertAddressCheck,
  AlertAddressCheckQuery,
  AlertAddressView,
  AlertContactBody,
  AlertContactOrderBody,
  AlertContactView,
  AlertSubscriptionBody,
  AlertSubscriptionView,
  ConfirmAlertContactBody,
} from '@common/api/alert-subscribers.ts'
import { IdParams } from '@common/api/schemas.ts'
import { z } from 'zod'
import { route } from '../../http/route.ts'
import { requireResident } from '../residents/index.ts'
import { checkAddressLine } from './address-verification.ts'
import {
  addMyContact,
  confirmMyContact,
  orderMyContacts,
  removeMyContact,
  resendMyConfirmation,
} from './contacts.service.ts'
import {
  addMyAddress,
  getMySubscription,
  removeMyAddress,
  saveMySubscription,
} from './subscription.service.ts'

const TAG = 'portal'

/** The resident portal's alert sign-up: every row is the logged-on resident's own. */
export const portalAlertRoutes = [
  route({
    method: 'GET',
    url: '/api/portal/alerts/subscription',
    summary: "The resident's alert sign-up (state 'none' before signing up)",
    tag: TAG,
    access: 'resident',
    response: AlertSubscriptionView,
    handle: ({ ctx }) => getMySubscription(ctx),
  }),
  route({
    method: 'PUT',
    url: '/api/portal/alerts/subscription',
    summary: 'Sign up for alerts, change language and categories, or sign up again',
    tag: TAG,
    access: 'resident',
    body: AlertSubscriptionBody,
    response: AlertSubscriptionView,
    handle: ({ ctx, body }) => saveMySubscription(ctx, body),
  }),
  route({
    method: 'GET',
    url: '/api/portal/alerts/address-check',
    summary: 'What a typed address would be verified as, with candidates when it is not exact',
    tag: TAG,
    access: 'resident',
    query: AlertAddressCheckQuery,
    response: AlertAddressCheck,
    handle({ ctx, query }) {
      requireResident(ctx)
      return checkAddressLine(ctx, query.line)
    },
  }),
  route({
    method: 'POST',
    url: '/api/portal/alerts/addresses',
    summary: 'Add a verified address to be alerted for (at most 5)',
    tag: TAG,
    access: 'resident',
    body: AlertAddressBody,
    response: AlertAddressView,
    status: 201,
    handle: ({ ctx, body }) => addMyAddress(ctx, body),
  }),
  route({
    method: 'DELETE',
    url: '/api/portal/alerts/addresses/:id',
    summary: 'Stop being alerted for an address',
    tag: TAG,
    access: 'resident',
    params: IdParams,
    async handle({ ctx, params }) {
      await removeMyAddress(ctx, params.id)
      return { ok: true }
    },
  }),
  route({
    method: 'POST',
    url: '/api/portal/alerts/contacts',
    summary: 'Add a phone (code by text or voice) or an e-mail address (link), last in order',
    tag: TAG,
    access: 'resident',
    body: AlertContactBody,
    response: AlertContactView,
    status: 201,
    handle: ({ ctx, body }) => addMyContact(ctx, body),
  }),
  route({
    method: 'PUT',
    url: '/api/portal/alerts/contacts/order',
    summary: 'Set the order of preference: every contact once, most preferred first',
    tag: TAG,
    access: 'resident',
    body: AlertContactOrderBody,
    response: z.array(AlertContactView),
    handle: ({ ctx, body }) => orderMyContacts(ctx, body),
  }),
  route({
    method: 'POST',
    url: '/api/portal/alerts/contacts/:id/confirm',
    summary: 'Confirm a phone contact with its 6-digit code',
    tag: TAG,
    access: 'resident',
    params: IdParams,
    body: ConfirmAlertContactBody,
    response: AlertContactView,
    handle: ({ ctx, params, body }) => confirmMyContact(ctx, params.id, body),
  }),
  route({
    method: 'POST',
    url: '/api/portal/alerts/contacts/:id/resend',
    summary: 'Send a new code or e-mail link (the old one stops working)',
    tag: TAG,
    access: 'resident',
    params: IdParams,
    response: AlertContactView,
    handle: ({ ctx, params }) => resendMyConfirmation(ctx, params.id),
  }),
  route({
    method: 'DELETE',
    url: '/api/portal/alerts/contacts/:id',
    summary: 'Remove a contact',
    tag: TAG,
    access: 'resident',
    params: IdParams,
    async handle({ ctx, params }) {
      await removeMyContact(ctx, params.id)
      return { ok: true }
    },
  }),
]
