/** The monthly invoices from the seat ledger: number (once the month closes), total with tax, due date; print or email. */
import { Badge, Button, Link, makeStyles, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, tokens } from '@fluentui/react-components';
import type { Invoice } from '@contract/organization';
import { useAction } from '../../shared/useAction';
import { api } from '../api';
import { formatDate, formatMoney } from '../format';
import { Card, ProblemBar, useNotify } from '../ui';

const useStyles = makeStyles({
  scroll: { overflowX: 'auto' },
  table: { backgroundColor: tokens.colorNeutralBackground1, minWidth: '720px' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap', alignItems: 'center' },
});

const monthOf = (period: string) => new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${period}-01T00:00:00Z`));

export function InvoicesCard({ invoices }: { invoices: Invoice[] | null }) {
  const styles = useStyles();
  const notify = useNotify();
  const email = useAction();
  return (
    <Card title="Invoices" description="One invoice per month, from the seat ledger at the price recorded with each purchase. A month's invoice is numbered when the month closes.">
      <ProblemBar problem={email.problem} />
      {!invoices ? (
        <Spinner size="small" label="Loading invoices…" />
      ) : invoices.length === 0 ? (
        <Text as="p">No invoices yet: the first comes with the first seats you buy.</Text>
      ) : (
        <div className={styles.scroll}>
          <Table className={styles.table} aria-label="Invoices">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Month</TableHeaderCell>
                <TableHeaderCell>Invoice</TableHeaderCell>
                <TableHeaderCell>Seats</TableHeaderCell>
                <TableHeaderCell>Total</TableHeaderCell>
                <TableHeaderCell>Due</TableHeaderCell>
                <TableHeaderCell>Status</TableHeaderCell>
                <TableHeaderCell>Print or email</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {invoices.map((inv) => (
                <TableRow key={inv.period}>
                  <TableCell>{monthOf(inv.period)}</TableCell>
                  <TableCell>{inv.number ?? 'Draft'}</TableCell>
                  <TableCell>{inv.seats + inv.includedSeats}</TableCell>
                  <TableCell>{formatMoney(inv.totalCents, inv.currency)}</TableCell>
                  <TableCell>{formatDate(inv.dueAt)}</TableCell>
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
        </div>
      )}
    </Card>
  );
}
