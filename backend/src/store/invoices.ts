/** The seat ledger as invoices need it: every purchase with who bought it, oldest first. */
import type { Queryable } from './db';

export interface SeatPurchase {
  id: string;
  seats: number;
  unitPriceCents: number;
  purchasedAt: Date;
  purchasedBy: { id: string; name: string; email: string };
}

export interface InvoiceRepository {
  /** Purchases made before `until`, oldest first. */
  seatPurchases(organizationId: string, until: Date): Promise<SeatPurchase[]>;
}

export function invoiceRepository(q: Queryable): InvoiceRepository {
  return {
    async seatPurchases(organizationId, until) {
      const rows = await q.query(
        `SELECT p.id, p.seats, p.unit_price_cents, p.created_at, a.id AS buyer_id, a.name AS buyer_name, a.email AS buyer_email
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
        purchasedBy: { id: row.buyer_id as string, name: row.buyer_name as string, email: row.buyer_email as string },
      }));
    },
  };
}
