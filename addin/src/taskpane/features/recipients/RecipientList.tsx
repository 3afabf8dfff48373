/** The live recipient list: every To, Cc and Bcc entry with the badge for its Sealpost status. */
import { Badge, Caption1, makeStyles, Spinner, Subtitle2, Text, tokens } from '@fluentui/react-components';
import type { ClassifiedRecipient } from '@contract/recipients';
import type { ReviewRow } from '../../../recipients/review';
import { LookalikeWarning } from './LookalikeWarning';
import { statusLook } from './statusBadge';

const useStyles = makeStyles({
  head: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalS },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column' },
  row: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} 0`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  who: { display: 'flex', flexDirection: 'column', minWidth: 0, flexGrow: 1 },
  name: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  email: { color: tokens.colorNeutralForeground3, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  field: { color: tokens.colorNeutralForeground3, textTransform: 'uppercase', width: '28px', flexShrink: 0 },
  badge: { flexShrink: 0, whiteSpace: 'nowrap' },
  empty: { color: tokens.colorNeutralForeground3 },
});

type Lookalikes = Record<string, NonNullable<ClassifiedRecipient['lookalike']>>;

export function RecipientList({ rows, busy, lookalikes = {} }: { rows: ReviewRow[]; busy: boolean; lookalikes?: Lookalikes }) {
  const styles = useStyles();
  return (
    <section aria-labelledby="recipients-title">
      <div className={styles.head}>
        <Subtitle2 as="h2" id="recipients-title">
          Recipients
        </Subtitle2>
        {busy && <Spinner size="extra-tiny" label="Checking" labelPosition="before" />}
      </div>
      {rows.length === 0 ? (
        <Text as="p" className={styles.empty}>
          Add recipients to see how Sealpost will reach them.
        </Text>
      ) : (
        <ul className={styles.list} data-testid="recipient-list">
          {rows.map((row) => {
            const look = statusLook(row.status, row.outcome, row.maybeList);
            return (
              <li key={row.key} className={styles.row} data-status={row.status} title={look.hint}>
                <Caption1 className={styles.field}>{row.field}</Caption1>
                <div className={styles.who}>
                  <Text weight="semibold" className={styles.name}>
                    {row.displayName}
                  </Text>
                  {row.email && row.email !== row.displayName && <Caption1 className={styles.email}>{row.email}</Caption1>}
                  <LookalikeWarning lookalike={row.email ? lookalikes[row.email] : undefined} />
                </div>
                <Badge appearance="tint" color={look.color} className={styles.badge} aria-label={`${look.label}. ${look.hint}`}>
                  {look.label}
                </Badge>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
