/** Seats of the organization: counts purchased, used and free, and buying more. */
import { z } from 'zod';
import { buySeats } from '../../commands/memberManager';
import { defineRoute } from '../../http/route';
import { authorize, memberPolicy } from '../../policies/members';
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
      authorize(memberPolicy.listMembers(actor), 'the admin or user manager role');
      const used = await deps.store.memberships.countSeatsUsed(actor.organization.id);
      return presentSeats(actor.organization, used, deps.config.seatPriceCents);
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
      const organization = await buySeats(deps, actor, body.seats);
      return presentSeats(organization, await deps.store.memberships.countSeatsUsed(organization.id), deps.config.seatPriceCents);
    },
  }),
];
