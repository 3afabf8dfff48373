/**
 * Seats and invoices: seats bought, used and free, buying more at the current price, and the monthly invoices
 * from the seat ledger, each printable (a server-rendered page) and emailable to oneself.
 */
import { Badge, Button, Field, Input, Link, makeStyles, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { ApiProblem } from '../../shared/api';
import { useAction } from '../../shared/useAction';
import { api } from '../api';
import { formatMoney, plural } from '../format';
import type { Invoice, Seats } from '@contract/organization';
import { Card, ProblemBar, useNotify } from '../ui';

const useStyles = makeStyles({
  stats: { display: 'flex', gap: tokens.spacingHorizontalXXL, flexWrap: 'wrap', margin: 0 },
  stat: { display: 'flex', flexDirection: 'column', '& dd': { margin: 0, fontSize: tokens.fontSizeHero700, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightHero700 }, '& dt': { color: tokens.colorNeutralForeground2 } },
  buy: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'flex-end', flexWrap: 'wrap' },
  count: { width: '120px' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap', alignItems: 'center' },
  table: { backgroundColor: tokens.colorNeutralBackground1 },
});

const monthOf = (period: string) => new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${period}-01T00:00:00Z`));

export function SeatsSection({ canBuy }: { canBuy: boolean }) {
  const styles = useStyles();
  const notify = useNotify();
  const [seats, setSeats] = useState<Seats | null>(null);
  const [invoices, setInvoices] = useState<Invoice[] | null>(null);
  const [loadProblem, setLoadProblem] = useState<ApiProblem | null>(null);
  const [count, setCount] = useState('1');
  const buy = useAction();
  const email = useAction();

  const load = useCallback(() => {
    const failed = (err: unknown) => setLoadProblem(err instanceof ApiProblem ? err : new ApiProblem(0, 'unexpected', String(err)));
    api.get<Seats>('/api/v1/seats').then(setSeats, failed);
    api.get<{ invoices: Invoice[] }>('/api/v1/invoices').then((r) => setInvoices(r.invoices), failed);
  }, []);
  useEffect(load, [load]);

  const n = Number(count);
  const countValid = /^\d+$/.test(count) && n >= 1 && n <= 10_000;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!countValid) return;
    const after = await buy.run(() => api.post<Seats>('/api/v1/seats/purchases', { seats: n }));
    if (after) {
      setSeats(after);
      notify(`Bought ${plural(n, 'seat')}. ${plural(after.free, 'seat is', 'seats are')} free now.`);
      load();
    }
  };

  return (
    <>
      <ProblemBar problem={loadProblem} />
      <Card title="Seats" description="Each pro (active or invited) uses one seat. Guests are free.">
        {!seats ? (
          <Spinner size="small" label="Counting seats…" />
        ) : (
          <>
            <dl className={styles.stats}>
              <div className={styles.stat}><dt>Purchased</dt><dd>{seats.purchased}</dd></div>
              <div className={styles.stat}><dt>Used</dt><dd>{seats.used}</dd></div>
              <div className={styles.stat}><dt>Free</dt><dd>{seats.free}</dd></div>
            </dl>
            {canBuy && (
              <form className={styles.buy} onSubmit={submit}>
                <Field label="Seats to buy" validationMessage={countValid ? undefined : 'Enter a whole number from 1 to 10,000.'}>
                  <Input className={styles.count} type="number" min={1} max={10000} value={count} onChange={(_e, d) => setCount(d.value)} />
                </Field>
                <Button type="submit" appearance="primary" disabled={buy.busy || !countValid}>
                  {countValid ? `Buy ${plural(n, 'seat')} for ${formatMoney(n * seats.unitPriceCents)} a month` : 'Buy seats'}
                </Button>
              </form>
            )}
            <Text as="p" size={200}>{formatMoney(seats.unitPriceCents)} per seat and month, billed monthly from the month you buy.</Text>
            <ProblemBar problem={buy.problem} />
          </>
        )}
      </Card>
      <Card title="Invoices" description="One invoice per month, from the seat ledger at the price recorded with each purchase.">
        <ProblemBar problem={email.problem} />
        {!invoices ? (
          <Spinner size="small" label="Loading invoices…" />
        ) : invoices.length === 0 ? (
          <Text as="p">No invoices yet: the first comes with the first seats you buy.</Text>
        ) : (
          <Table className={styles.table} aria-label="Invoices">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Month</TableHeaderCell>
                <TableHeaderCell>Invoice</TableHeaderCell>
                <TableHeaderCell>Seats</TableHeaderCell>
                <TableHeaderCell>Amount</TableHeaderCell>
                <TableHeaderCell>Status</TableHeaderCell>
                <TableHeaderCell>Print or email</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {invoices.map((inv) => (
                <TableRow key={inv.period}>
                  <TableCell>{monthOf(inv.period)}</TableCell>
                  <TableCell>{inv.number}</TableCell>
                  <TableCell>{inv.seats + inv.includedSeats}</TableCell>
                  <TableCell>{formatMoney(inv.amountCents, inv.currency)}</TableCell>
                  <TableCell>{inv.status === 'open' ? <Badge appearance="tint" color="warning">Open</Badge> : <Badge appearance="tint" color="informative">Closed</Badge>}</TableCell>
                  <TableCell>
                    <span className={styles.actions}>
                      <Link href={`/api/v1/invoices/${inv.period}/print`} target="_blank" rel="noopener" aria-label={`Print the invoice for ${monthOf(inv.period)} (opens in a new tab)`}>
                        Print
                      </Link>
                      <Button
                        size="small"
                        disabled={email.busy}
                        aria-label={`Email to me the invoice for ${monthOf(inv.period)}`}
                        onClick={async () => {
                          const sent = await email.run(() => api.post<{ sentTo: string }>(`/api/v1/invoices/${inv.period}/email`));
                          if (sent) notify(`Invoice for ${monthOf(inv.period)} sent to ${sent.sentTo}.`);
                        }}
                      >
                        Email to me
                      </Button>
                    </span>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Card>
    </>
  );
}
