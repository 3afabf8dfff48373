/** Buying seats in tests as the admin page does: each purchase under a fresh Idempotency-Key. */
import { randomUUID } from 'node:crypto';
import type { TestServer } from './testServer';

export function buySeats(t: Pick<TestServer, 'api'>, token: string, seats: number) {
  return t.api('POST', '/api/v1/seats/purchases', { token, body: { seats }, headers: { 'idempotency-key': `purchase-${randomUUID()}` } });
}
