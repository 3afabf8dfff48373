/** Seats of the organization: counts purchased, used and free, buying more (once per Idempotency-Key), and fewer from next month. */
import { buySeats, countSeats, reduceSeats } from '../../commands/billing';
import { contract } from '../../contract';
import { requiredIdempotencyKey } from '../../http/idempotencyKey';
import { defineRoute } from '../../http/route';
import { presentSeats } from '../../presenters/members';

export const seatRoutes = [
  defineRoute(contract.organization.seats, {
    tag: 'seats',
    summary: 'Seats purchased, used (active and invited pros) and free, the monthly cost and tax rate, and any reduction waiting for next month.',
    auth: 'session',
    errors: ['forbidden'],
    async handler({ actor, deps }) {
      return presentSeats(await countSeats(deps, actor));
    },
  }),
  defineRoute(contract.organization.buySeats, {
    tag: 'seats',
    summary: 'Buy seats at the configured monthly price. Requires an Idempotency-Key header: the same key and body answer again without a second charge; the same key with another body is 409.',
    auth: 'session',
    errors: ['forbidden', 'idempotency_key_required', 'idempotency_conflict', 'invalid_request'],
    async handler({ actor, body, deps, req, res }) {
      const result = await buySeats(deps, actor, body.seats, requiredIdempotencyKey(req, 'Buying seats'));
      if (result.replayed) res.set('Idempotent-Replayed', 'true');
      return presentSeats(result);
    },
  }),
  defineRoute(contract.organization.reduceSeats, {
    tag: 'seats',
    summary: 'Give up seats from the first of next month; refused (409) when fewer would remain than pros use.',
    auth: 'session',
    errors: ['forbidden', 'seats_in_use'],
    async handler({ actor, body, deps }) {
      return presentSeats(await reduceSeats(deps, actor, body.seats));
    },
  }),
];
