/**
 * The seat ledger as invoices need it (purchases and reductions, with who made them), purchases found by their
 * Idempotency-Key, the organization's billing details, and invoice numbers issued without gaps per seller.
 */
import { randomUUID } from 'node:crypto';
import type { Queryable } from './db';
import { isUniqueViolation, UniqueConflict } from './uniqueConflict';

export interface SeatPurchase {
  id: string;
  seats: number;
  unitPriceCents: number;
  purchasedAt: Date;
  purchasedBy: { id: string; name: string; email: string };
}

export interface SeatReduction {
  id: string;
  seats: number;
  effectiveFrom: Date;
  requestedAt: Date;
  requestedBy: { id: string; name: string; email: string };
}

export interface KeyedPurchase {
  id: string;
  seats: number;
  requestHash: string | null;
}

export interface BillingDetails {
  address: string;
  taxId: string;
}

export interface IssuedNumber {
  number: number;
  issuedAt: Date;
}

export interface InvoiceRepository {
  /** Purchases made before `until`, oldest first. */
  seatPurchases(organizationId: string, until: Date): Promise<SeatPurchase[]>;
  /** Every reduction asked for, including those not yet in effect, oldest first. */
  seatReductions(organizationId: string): Promise<SeatReduction[]>;
  /** Writes a purchase to the ledger; throws UniqueConflict('seat_purchases_idempotency') when the key was used. */
  recordPurchase(input: { organizationId: string; purchasedBy: string; seats: number; unitPriceCents: number;
    idempotencyKey: string | null; requestHash: string | null }): Promise<void>;
  findPurchaseByKey(organizationId: string, purchasedBy: string, key: string): Promise<KeyedPurchase | null>;
  recordReduction(input: { organizationId: string; requestedBy: string; seats: number; effectiveFrom: Date }): Promise<void>;
  billingDetails(organizationId: string): Promise<BillingDetails>;
  setBillingDetails(organizationId: string, change: Partial<BillingDetails>): Promise<BillingDetails>;
  /** Numbers already issued to this organization's invoices, by period. */
  issuedNumbers(organizationId: string): Promise<Map<string, IssuedNumber>>;
  /**
   * Gives each of `periods` that has none the seller's next number, oldest period first. Call in a transaction: the
   * seller's counter stays locked until it ends, so numbers are taken one issuer at a time and none is skipped.
   */
  issueNumbers(organizationId: string, seller: string, periods: string[]): Promise<Map<string, IssuedNumber>>;
}

const person = (row: Record<string, unknown>) => ({ id: row.person_id as string, name: row.person_name as string, email: row.person_email as string });

export function invoiceRepository(q: Queryable): InvoiceRepository {
  const issuedNumbers = async (organizationId: string) => {
    const rows = await q.query('SELECT n.period, n.number, n.issued_at FROM invoice_numbers n WHERE n.organization_id = $1', [organizationId]);
    return new Map(rows.map((row) => [row.period as string, { number: Number(row.number), issuedAt: row.issued_at as Date }]));
  };
  return {
    async seatPurchases(organizationId, until) {
      const rows = await q.query(
        `SELECT p.id, p.seats, p.unit_price_cents, p.created_at, a.id AS person_id, a.name AS person_name, a.email AS person_email
         FROM seat_purchases p JOIN accounts a ON a.id = p.purchased_by
         WHERE p.organization_id = $1 AND p.created_at < $2
         ORDER BY p.created_at, p.id`,
        [organizationId, until],
      );
      return rows.map((row) => ({
        id: row.id as string,
        seats: row.seats as number,
        unitPriceCents: row.unit_price_cents as number,
        purchasedAt: row.created_at as Date,
        purchasedBy: person(row),
      }));
    },
    async seatReductions(organizationId) {
      const rows = await q.query(
        `SELECT r.id, r.seats, r.effective_from, r.created_at, a.id AS person_id, a.name AS person_name, a.email AS person_email
         FROM seat_reductions r JOIN accounts a ON a.id = r.requested_by
         WHERE r.organization_id = $1 ORDER BY r.effective_from, r.created_at, r.id`,
        [organizationId],
      );
      return rows.map((row) => ({
        id: row.id as string,
        seats: row.seats as number,
        effectiveFrom: row.effective_from as Date,
        requestedAt: row.created_at as Date,
        requestedBy: person(row),
      }));
    },
    async recordPurchase(input) {
      try {
        await q.query(
          `INSERT INTO seat_purchases (id, organization_id, purchased_by, seats, unit_price_cents, idempotency_key, request_hash)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [randomUUID(), input.organizationId, input.purchasedBy, input.seats, input.unitPriceCents, input.idempotencyKey, input.requestHash],
        );
      } catch (err) {
        // The id is fresh, so the one key a second insert can repeat is the buyer's Idempotency-Key.
        if (input.idempotencyKey !== null && isUniqueViolation(err, 'seat_purchases_idempotency')) throw new UniqueConflict('seat_purchases_idempotency');
        throw err;
      }
    },
    async findPurchaseByKey(organizationId, purchasedBy, key) {
      const rows = await q.query(
        `SELECT p.id, p.seats, p.request_hash FROM seat_purchases p
         WHERE p.organization_id = $1 AND p.purchased_by = $2 AND p.idempotency_key = $3`,
        [organizationId, purchasedBy, key],
      );
      const row = rows[0];
      return row ? { id: row.id as string, seats: row.seats as number, requestHash: (row.request_hash as string | null) ?? null } : null;
    },
    async recordReduction(input) {
      await q.query(
        'INSERT INTO seat_reductions (id, organization_id, requested_by, seats, effective_from) VALUES ($1, $2, $3, $4, $5)',
        [randomUUID(), input.organizationId, input.requestedBy, input.seats, input.effectiveFrom],
      );
    },
    async billingDetails(organizationId) {
      const rows = await q.query('SELECT b.address, b.tax_id FROM organization_billing b WHERE b.organization_id = $1', [organizationId]);
      return { address: (rows[0]?.address as string | undefined) ?? '', taxId: (rows[0]?.tax_id as string | undefined) ?? '' };
    },
    async setBillingDetails(organizationId, change) {
      const rows = await q.query(
        `INSERT INTO organization_billing AS b (organization_id, address, tax_id) VALUES ($1, COALESCE($2, ''), COALESCE($3, ''))
         ON CONFLICT (organization_id) DO UPDATE SET address = COALESCE($2, b.address), tax_id = COALESCE($3, b.tax_id)
         RETURNING b.address, b.tax_id`,
        [organizationId, change.address ?? null, change.taxId ?? null],
      );
      return { address: rows[0]!.address as string, taxId: rows[0]!.tax_id as string };
    },
    issuedNumbers,
    async issueNumbers(organizationId, seller, periods) {
      const issued = await issuedNumbers(organizationId);
      const missing = [...new Set(periods)].filter((p) => !issued.has(p)).sort();
      if (missing.length === 0) return issued;
      await q.query('INSERT INTO invoice_counters (seller) VALUES ($1) ON CONFLICT (seller) DO NOTHING', [seller]);
      const [counter] = await q.query('SELECT c.last_number FROM invoice_counters c WHERE c.seller = $1 FOR UPDATE', [seller]);
      // Another issuer may have numbered these months while this one waited for the counter.
      const now = await issuedNumbers(organizationId);
      let last = Number(counter!.last_number);
      for (const period of missing.filter((p) => !now.has(p))) {
        last += 1;
        const [row] = await q.query(
          'INSERT INTO invoice_numbers (organization_id, period, seller, number) VALUES ($1, $2, $3, $4) RETURNING issued_at',
          [organizationId, period, seller, last],
        );
        now.set(period, { number: last, issuedAt: row!.issued_at as Date });
      }
      await q.query('UPDATE invoice_counters SET last_number = $2 WHERE seller = $1', [seller, last]);
      return now;
    },
  };
}
