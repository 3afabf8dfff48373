/** Seats of the organization: counts purchased, used and free, and buying more. */
import { buySeats, countSeats } from '../../commands/billing';
import { contract } from '../../contract';
import { defineRoute } from '../../http/route';
import { presentSeats } from '../../presenters/members';

export const seatRoutes = [
  defineRoute(contract.organization.seats, {
    tag: 'seats',
    summary: 'Seats purchased, used (active and invited pros) and free.',
    auth: 'session',
    errors: ['forbidden'],
    async handler({ actor, deps }) {
      return presentSeats(await countSeats(deps, actor));
    },
  }),
  defineRoute(contract.organization.buySeats, {
    tag: 'seats',
    summary: 'Buy seats (recorded in the seat ledger at the configured monthly price).',
    auth: 'session',
    errors: ['forbidden'],
    async handler({ actor, body, deps }) {
      return presentSeats(await buySeats(deps, actor, body.seats));
    },
  }),
];
