/** Liveness and readiness for load balancers and orchestrators. */
import { z } from 'zod';
import { errors } from '../../errors';
import { defineRoute } from '../../http/route';

const statusSchema = z.object({ status: z.literal('ok') });

export const healthRoutes = [
  defineRoute({
    method: 'get',
    path: '/health',
    tag: 'operations',
    summary: 'Liveness: the process answers.',
    auth: 'none',
    response: { status: 200, schema: statusSchema, description: 'Alive.' },
    async handler() {
      return { status: 'ok' };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/ready',
    tag: 'operations',
    summary: 'Readiness: the database answers and every migration is applied.',
    auth: 'none',
    response: { status: 200, schema: statusSchema, description: 'Ready to serve.' },
    errors: ['not_ready'],
    async handler({ deps }) {
      if (!(await deps.store.isReady())) {
        throw errors.notReady();
      }
      return { status: 'ok' };
    },
  }),
];
