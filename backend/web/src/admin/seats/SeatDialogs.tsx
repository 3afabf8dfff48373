/**
 * The confirmations before seats change what the organization pays: buying shows the new monthly total with tax
 * before anything is charged (one Idempotency-Key per dialog, so a retry after a lost answer cannot buy twice), and
 * giving seats up shows what remains from the first of next month.
 */
import { Text } from '@fluentui/react-components';
import { useState } from 'react';
import type { Seats } from '@contract/organization';
import { newRequestKey } from '../../shared/requestKey';
import { api } from '../api';
import { formatMoney, plural } from '../format';
import { ActionDialog } from '../members/ActionDialog';

const percent = (basisPoints: number) => `${(basisPoints / 100).toLocaleString('en-US', { maximumFractionDigits: 2 })}%`;
const tax = (cents: number, basisPoints: number) => Math.round((cents * basisPoints) / 10_000);
export const firstOfNextMonth = () => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
};
export const longDay = (d: Date) => new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(d);
const thisMonth = () => new Intl.DateTimeFormat('en-US', { month: 'long', timeZone: 'UTC' }).format(new Date());

/** Monthly figures as the invoice will show them: before tax, the tax, and the total. */
function MonthlyTotal({ cents, basisPoints, label }: { cents: number; basisPoints: number; label: string }) {
  const taxCents = tax(cents, basisPoints);
  return (
    <Text as="p">
      {label}: <strong>{formatMoney(cents + taxCents)} a month</strong>
      {basisPoints > 0 ? ` (${formatMoney(cents)} plus ${percent(basisPoints)} tax, ${formatMoney(taxCents)})` : ' (no tax is added)'}.
    </Text>
  );
}

interface DialogProps {
  seats: Seats;
  count: number;
  open: boolean;
  onClose: () => void;
}

export function BuySeatsDialog({ seats, count, open, onBought, onClose }: DialogProps & { onBought: (after: Seats) => void }) {
  // One key for this dialog: pressing Buy again after a failure repeats the same purchase, never a second one.
  const [key] = useState(newRequestKey);
  const added = count * seats.unitPriceCents;
  return (
    <ActionDialog
      title={`Buy ${plural(count, 'seat')}?`}
      confirmLabel={`Buy ${plural(count, 'seat')}`}
      open={open}
      onClose={onClose}
      onConfirm={async () => onBought(await api.post<Seats>('/api/v1/seats/purchases', { seats: count }, { 'Idempotency-Key': key }))}
    >
      <Text as="p">
        {plural(count, 'seat')} × {formatMoney(seats.unitPriceCents)} = <strong>{formatMoney(added)} a month</strong> before tax,
        charged for all of {thisMonth()} on this month&apos;s invoice and every month after until you give them up.
      </Text>
      <MonthlyTotal label="New monthly total" cents={seats.monthlyCents + added} basisPoints={seats.taxRateBasisPoints} />
      <Text as="p" size={200}>You will have {plural(seats.purchased + count, 'seat')}; {plural(seats.used, 'is', 'are')} in use.</Text>
    </ActionDialog>
  );
}

export function ReduceSeatsDialog({ seats, count, open, onReduced, onClose }: DialogProps & { onReduced: (after: Seats) => void }) {
  const from = firstOfNextMonth();
  const remaining = (seats.nextPeriod?.seats ?? seats.purchased) - count;
  return (
    <ActionDialog
      title={`Give up ${plural(count, 'seat')}?`}
      confirmLabel={`Give up ${plural(count, 'seat')}`}
      danger
      open={open}
      onClose={onClose}
      onConfirm={async () => onReduced(await api.post<Seats>('/api/v1/seats/reductions', { seats: count }))}
    >
      <Text as="p">
        From <strong>{longDay(from)}</strong> the organization will have <strong>{plural(remaining, 'seat')}</strong>. This month&apos;s
        invoice keeps the seats you have now; from now on no new pro can take a seat you give up.
      </Text>
      <MonthlyTotal label={`From ${longDay(from)}`} cents={Math.max(0, seats.monthlyCents - count * seats.unitPriceCents)} basisPoints={seats.taxRateBasisPoints} />
      <Text as="p" size={200}>The amount is an estimate at today&apos;s price: seats given up are taken from your newest purchases, at the price they were bought for.</Text>
    </ActionDialog>
  );
}
