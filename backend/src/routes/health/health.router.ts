/** Liveness and readiness for load balancers and orchestrators. */
import { errors } from '../../errors';
import { contract } from '../../contract';
import { defineRoute } from '../../http/route';

export const healthRoutes = [
  defineRoute(contract.health.live, {
    tag: 'operations',
    summary: 'Liveness: the process answers.',
    auth: 'none',
    async handler() {
      return { status: 'ok' as const };
    },
  }),
  defineRoute(contract.health.ready, {
    tag: 'operations',
    summary: 'Readiness: the database answers and every migration is applied.',
    auth: 'none',
    errors: ['not_ready'],
    async handler({ deps }) {
      if (!(await deps.store.isReady())) {
        throw errors.notReady();
      }
      return { status: 'ok' as const };
    },
  }),
];
