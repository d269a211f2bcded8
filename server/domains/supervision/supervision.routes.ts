import {
  AnswerTimeThresholds,
  AnswerTimesQuery,
  AnswerTimesReport,
} from '@common/api/supervision.ts'
import { route } from '../../http/route.ts'
import { reportAnswerTimes } from './supervision.service.ts'

export const supervisionRoutesList = [
  route({
    method: 'GET',
    url: '/api/reports/answer-times',
    summary:
      "A day's 911 answer times against the targets (share within 15 s and 20 s), with the thresholds",
    tag: 'reports',
    access: ['supervisor', 'administrator'],
    query: AnswerTimesQuery,
    response: AnswerTimesReport,
    handle: ({ ctx, query }) => reportAnswerTimes(ctx, query),
  }),
  route({
    method: 'GET',
    url: '/api/reports/answer-targets',
    summary: 'The 911 answer-time targets in force: call queues colour ringing calls by them',
    tag: 'reports',
    access: 'staff',
    response: AnswerTimeThresholds,
    handle: ({ ctx }) => Promise.resolve({ ...ctx.config.answerTimes }),
  }),
]
