/** After sending: the sender's latest secure messages, who opened each, and Recall; the portal does the rest. */
import { Badge, Button, Caption1, Link, makeStyles, Subtitle2, Text, tokens } from '@fluentui/react-components';
import type { SentEntry } from './senderControls';

const useStyles = makeStyles({
  head: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalS },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column' },
  row: {
    display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, padding: `${tokens.spacingVerticalS} 0`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  line: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalS },
  subject: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  muted: { color: tokens.colorNeutralForeground3 },
});

const names = (people: { name: string }[]) => people.map((p) => p.name).join(', ');

export function SentMessages({ sent, loading, onLoad, onRecall }: {
  sent: SentEntry[] | null;
  loading: boolean;
  onLoad(): void;
  onRecall(messageId: string): void;
}) {
  const styles = useStyles();
  return (
    <section aria-labelledby="sent-title">
      <div className={styles.head}>
        <Subtitle2 as="h2" id="sent-title">
          Sent securely
        </Subtitle2>
        <Button size="small" appearance="subtle" disabled={loading} onClick={onLoad}>
          {sent ? 'Refresh' : 'Show read receipts'}
        </Button>
      </div>
      {sent && sent.length === 0 && <Text as="p" className={styles.muted}>Nothing sent securely yet.</Text>}
      {sent && sent.length > 0 && (
        <ul className={styles.list} data-testid="sent-list">
          {sent.map((entry) => (
            <li key={entry.id} className={styles.row} data-message-id={entry.id}>
              <div className={styles.line}>
                <Text weight="semibold" className={styles.subject}>
                  {entry.subject}
                </Text>
                {entry.unavailable ? (
                  <Badge appearance="tint" color="danger">{entry.unavailable === 'recalled' ? 'Recalled' : 'Expired'}</Badge>
                ) : (
                  <Badge appearance="tint" color={entry.notOpened.length ? 'informative' : 'success'}>
                    {`Opened by ${entry.opened.length} of ${entry.opened.length + entry.notOpened.length}`}
                  </Badge>
                )}
              </div>
              {entry.opened.length > 0 && <Caption1>Opened: {names(entry.opened)}</Caption1>}
              {entry.notOpened.length > 0 && <Caption1 className={styles.muted}>Not opened yet: {names(entry.notOpened)}</Caption1>}
              <div className={styles.line}>
                <Link href={entry.portalUrl} target="_blank" rel="noreferrer">
                  Open in the portal
                </Link>
                {!entry.unavailable && (
                  <Button size="small" onClick={() => onRecall(entry.id)} aria-label={`Recall "${entry.subject}"`}>
                    Recall
                  </Button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
