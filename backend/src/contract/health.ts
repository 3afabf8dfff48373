/** Liveness and readiness for load balancers and orchestrators. */
import { z } from 'zod';
import { endpoint } from './endpoint';

const statusSchema = z.object({ status: z.literal('ok') });

export const health = {
  live: endpoint({ method: 'get', path: '/health', response: { status: 200, schema: statusSchema, description: 'Alive.' } }),
  ready: endpoint({ method: 'get', path: '/ready', response: { status: 200, schema: statusSchema, description: 'Ready to serve.' } }),
};
