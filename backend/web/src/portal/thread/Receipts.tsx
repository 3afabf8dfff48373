/** Read receipts for the sender: per recipient, whether the notice went out and when the message was opened. */
import { Badge, makeStyles, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, tokens } from '@fluentui/react-components';
import type { Recipient } from '../api/portalApi';
import { fullWhen } from '../format';

const useStyles = makeStyles({
  wrap: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, '& h3': { margin: 0 } },
  caption: { fontWeight: tokens.fontWeightSemibold },
  email: { color: tokens.colorNeutralForeground3, display: 'block' },
  table: { tableLayout: 'auto' },
});

function Status({ receipt }: { receipt: NonNullable<Recipient['receipt']> }) {
  if (receipt.opens > 0) {
    return (
      <Badge appearance="tint" color="success">
        {receipt.opens === 1 ? 'Read' : `Read ${receipt.opens} times`}
      </Badge>
    );
  }
  return receipt.delivered ? (
    <Badge appearance="tint" color="informative">
      Delivered, not opened yet
    </Badge>
  ) : (
    <Badge appearance="tint" color="warning">
      Not delivered yet
    </Badge>
  );
}

const KIND = { to: 'To', cc: 'Cc', bcc: 'Bcc' } as const;

export function Receipts({ recipients, headingId }: { recipients: Recipient[]; headingId: string }) {
  const styles = useStyles();
  const withReceipts = recipients.filter((r) => r.receipt);
  if (withReceipts.length === 0) return null;
  return (
    <section className={styles.wrap} aria-labelledby={headingId}>
      <Text as="h3" id={headingId} size={300} className={styles.caption}>
        Read receipts
      </Text>
      <Table size="small" className={styles.table} aria-labelledby={headingId}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Recipient</TableHeaderCell>
            <TableHeaderCell>Status</TableHeaderCell>
            <TableHeaderCell>First opened</TableHeaderCell>
            <TableHeaderCell>Last opened</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {withReceipts.map((r) => (
            <TableRow key={r.email}>
              <TableCell>
                <Text>{r.name || r.email}</Text>
                <Text size={200} className={styles.email}>
                  {KIND[r.kind]} · {r.email}
                </Text>
              </TableCell>
              <TableCell>
                <Status receipt={r.receipt!} />
              </TableCell>
              <TableCell>{r.receipt!.firstOpenedAt ? fullWhen(r.receipt!.firstOpenedAt) : '—'}</TableCell>
              <TableCell>{r.receipt!.lastOpenedAt ? fullWhen(r.receipt!.lastOpenedAt) : '—'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </section>
  );
}
