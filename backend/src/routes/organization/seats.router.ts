/** Seats of the organization: counts purchased, used and free, and buying more. */
import { z } from 'zod';
import { buySeats, countSeats } from '../../commands/billing';
import { defineRoute } from '../../http/route';
import { presentSeats, seatsSchema } from '../../presenters/members';

export const seatRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/v1/seats',
    tag: 'seats',
    summary: 'Seats purchased, used (active and invited pros) and free.',
    auth: 'session',
    response: { status: 200, schema: seatsSchema, description: 'Seat counts.' },
    errors: ['forbidden'],
    async handler({ actor, deps }) {
      return presentSeats(await countSeats(deps, actor));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/seats/purchases',
    tag: 'seats',
    summary: 'Buy seats (recorded in the seat ledger at the configured monthly price).',
    auth: 'session',
    body: z.strictObject({ seats: z.number().int().min(1).max(10_000) }),
    response: { status: 201, schema: seatsSchema, description: 'Seat counts after the purchase.' },
    errors: ['forbidden'],
    async handler({ actor, body, deps }) {
      return presentSeats(await buySeats(deps, actor, body.seats));
    },
  }),
];
