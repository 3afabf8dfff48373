/** Organizations a signed-in person starts. */
import { z } from 'zod';
import { endpoint } from './endpoint';
import { displayText, uuid } from './text';

export const organizations = {
  create: endpoint({
    method: 'post',
    path: '/api/v1/organizations',
    body: z.strictObject({ name: displayText(120).min(1) }),
    response: {
      status: 201,
      schema: z.object({ id: uuid, name: z.string(), seatsPurchased: z.number().int() }),
      description: 'The new organization.',
    },
  }),
};
