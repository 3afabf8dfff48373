/**
 * Seats and invoices: seats bought, used and free; buying more and giving some up, each confirmed in a dialog that
 * shows the monthly total with tax first; a reduction waiting for next month; and the monthly invoices.
 */
import { Button, Field, Input, makeStyles, MessageBar, MessageBarBody, Spinner, Text, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { Invoice, Seats } from '@contract/organization';
import { ApiProblem } from '../../shared/api';
import { api } from '../api';
import { formatMoney, plural } from '../format';
import { Card, ProblemBar, useNotify } from '../ui';
import { InvoicesCard } from './InvoicesCard';
import { BuySeatsDialog, firstOfNextMonth, longDay, ReduceSeatsDialog } from './SeatDialogs';

const useStyles = makeStyles({
  stats: { display: 'flex', gap: tokens.spacingHorizontalXXL, flexWrap: 'wrap', margin: 0 },
  stat: { display: 'flex', flexDirection: 'column', '& dd': { margin: 0, fontSize: tokens.fontSizeHero700, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightHero700 }, '& dt': { color: tokens.colorNeutralForeground2 } },
  forms: { display: 'flex', gap: tokens.spacingHorizontalXXL, rowGap: tokens.spacingVerticalL, flexWrap: 'wrap' },
  form: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'flex-start', flexWrap: 'wrap' },
  count: { width: '120px' },
  button: { marginTop: '26px' },
});

/** A whole number from 1 to `max` typed into a field, or why not ('' is "not yet typed", shown without a complaint). */
function parseCount(text: string, max: number, tooMany: string): { n: number; problem?: string } {
  const n = Number(text);
  if (text === '') return { n: 0, problem: '' };
  if (!/^\d+$/.test(text) || n < 1 || n > 10_000) return { n: 0, problem: 'Enter a whole number from 1 to 10,000.' };
  if (n > max) return { n: 0, problem: tooMany };
  return { n };
}

export function SeatsSection({ canBuy }: { canBuy: boolean }) {
  const styles = useStyles();
  const notify = useNotify();
  const [seats, setSeats] = useState<Seats | null>(null);
  const [invoices, setInvoices] = useState<Invoice[] | null>(null);
  const [loadProblem, setLoadProblem] = useState<ApiProblem | null>(null);
  const [buyText, setBuyText] = useState('1');
  const [reduceText, setReduceText] = useState('');
  // Kept after closing, so Fluent closes the dialog itself; `id` gives each opening a fresh dialog (and purchase key).
  const [dialog, setDialog] = useState<null | { kind: 'buy' | 'reduce'; count: number; open: boolean; id: number }>(null);
  const close = () => setDialog((d) => d && { ...d, open: false });

  const load = useCallback(() => {
    const failed = (err: unknown) => setLoadProblem(err instanceof ApiProblem ? err : new ApiProblem(0, 'unexpected', String(err)));
    api.get<Seats>('/api/v1/seats').then(setSeats, failed);
    api.get<{ invoices: Invoice[] }>('/api/v1/invoices').then((r) => setInvoices(r.invoices), failed);
  }, []);
  useEffect(load, [load]);

  const buy = parseCount(buyText, 10_000, '');
  const reduce = parseCount(reduceText, seats?.free ?? 0, seats
    ? `You can give up at most ${plural(seats.free, 'seat')}: ${plural(seats.used, 'is', 'are')} in use by active and invited pros.`
    : '');
  const open = (kind: 'buy' | 'reduce', n: number) => (event: FormEvent) => {
    event.preventDefault();
    if (n > 0) setDialog((d) => ({ kind, count: n, open: true, id: (d?.id ?? 0) + 1 }));
  };
  const changed = (after: Seats, message: string) => {
    setSeats(after);
    // Cleared, so the same purchase is not one click away again.
    setBuyText('');
    setReduceText('');
    notify(message);
    load();
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
            {seats.nextPeriod && (
              <MessageBar intent="info">
                <MessageBarBody>
                  From {longDay(new Date(seats.nextPeriod.from))}: {plural(seats.nextPeriod.seats, 'seat')}, {formatMoney(seats.monthlyCents)} a month before tax.
                </MessageBarBody>
              </MessageBar>
            )}
            {canBuy && (
              <div className={styles.forms}>
                <form className={styles.form} onSubmit={open('buy', buy.n)} aria-label="Buy seats">
                  <Field label="Seats to buy" validationMessage={buy.problem || undefined}>
                    <Input className={styles.count} type="number" min={1} max={10000} value={buyText} onChange={(_e, d) => setBuyText(d.value)} />
                  </Field>
                  <Button className={styles.button} type="submit" appearance="primary" disabled={buy.n === 0}>
                    {buy.n ? `Buy ${plural(buy.n, 'seat')}…` : 'Buy seats…'}
                  </Button>
                </form>
                <form className={styles.form} onSubmit={open('reduce', reduce.n)} aria-label="Give up seats">
                  <Field label="Seats to give up" hint={`From ${longDay(firstOfNextMonth())}`} validationMessage={reduce.problem || undefined}>
                    <Input className={styles.count} type="number" min={1} max={10000} value={reduceText} onChange={(_e, d) => setReduceText(d.value)} />
                  </Field>
                  <Button className={styles.button} type="submit" disabled={reduce.n === 0}>
                    {reduce.n ? `Give up ${plural(reduce.n, 'seat')}…` : 'Give up seats…'}
                  </Button>
                </form>
              </div>
            )}
            <Text as="p" size={200}>
              {formatMoney(seats.unitPriceCents)} per seat and month, billed for the whole month you buy in. Seats you give up stay until the end of this month.
            </Text>
          </>
        )}
      </Card>
      {seats && dialog?.kind === 'buy' && (
        <BuySeatsDialog key={dialog.id} seats={seats} count={dialog.count} open={dialog.open} onClose={close}
          onBought={(after) => changed(after, `Bought ${plural(dialog.count, 'seat')}. ${plural(after.free, 'seat is', 'seats are')} free now.`)} />
      )}
      {seats && dialog?.kind === 'reduce' && (
        <ReduceSeatsDialog key={dialog.id} seats={seats} count={dialog.count} open={dialog.open} onClose={close}
          onReduced={(after) => changed(after, `From ${longDay(new Date(after.nextPeriod!.from))} you will have ${plural(after.nextPeriod!.seats, 'seat')}.`)} />
      )}
      <InvoicesCard invoices={invoices} />
    </>
  );
}
