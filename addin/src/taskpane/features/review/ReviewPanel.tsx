/**
 * Reviewing new recipients before a secure send: confirm each invitation or skip it (recorded on the item for
 * the send handler), with the addresses the Smart Alerts dialog named listed first.
 */
import { Badge, Button, Caption1, makeStyles, MessageBar, MessageBarBody, Subtitle2, Text, tokens } from '@fluentui/react-components';
import { ArrowLeft20Regular, Checkmark16Regular, Dismiss16Regular } from '@fluentui/react-icons';
import type { ReviewRow } from '../../../recipients/review';
import type { ClassifiedRecipient } from '@contract/recipients';
import { LookalikeWarning } from '../recipients/LookalikeWarning';
import { statusLook } from '../recipients/statusBadge';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, marginLeft: `calc(-1 * ${tokens.spacingHorizontalS})` },
  lead: { color: tokens.colorNeutralForeground2 },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  focused: { border: `${tokens.strokeWidthThin} solid ${tokens.colorStatusWarningBorder1}`, backgroundColor: tokens.colorStatusWarningBackground1 },
  top: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalS },
  badge: { flexShrink: 0, whiteSpace: 'nowrap' },
  email: { color: tokens.colorNeutralForeground3, wordBreak: 'break-all' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, marginTop: tokens.spacingVerticalXS },
  footer: { display: 'flex', gap: tokens.spacingHorizontalS },
});

const NEEDS_REVIEW = ['new_unconfirmed', 'new_confirmed', 'new_skipped', 'cannot_receive', 'unusable', 'distribution_list'];

interface Props {
  rows: ReviewRow[];
  focus: string[];
  onConfirm(email: string): void;
  onSkip(email: string): void;
  onUndo(email: string): void;
  onConfirmAll(): void;
  onClose(): void;
  /** First-time recipients whose domain imitates a trusted one, by address. */
  lookalikes?: Record<string, NonNullable<ClassifiedRecipient['lookalike']>>;
}

export function ReviewPanel({ rows, focus, onConfirm, onSkip, onUndo, onConfirmAll, onClose, lookalikes = {} }: Props) {
  const styles = useStyles();
  const shown = rows
    .filter((r) => NEEDS_REVIEW.includes(r.status))
    .sort((a, b) => Number(focus.includes(b.email ?? '')) - Number(focus.includes(a.email ?? '')));
  const open = shown.filter((r) => r.status === 'new_unconfirmed').length;

  return (
    <section className={styles.root} aria-labelledby="review-title" data-testid="review-panel">
      <div className={styles.head}>
        <Button appearance="subtle" icon={<ArrowLeft20Regular />} aria-label="Back to recipients" onClick={onClose} />
        <Subtitle2 as="h2" id="review-title">
          Review invitations
        </Subtitle2>
      </div>
      <Text as="p" className={styles.lead}>
        New recipients get an email inviting them to Sealpost, where they read this message. Confirm each invitation, or skip
        someone and remove them from the message.
      </Text>
      {shown.length === 0 ? (
        <MessageBar intent="success">
          <MessageBarBody>Every recipient can receive this message securely.</MessageBarBody>
        </MessageBar>
      ) : (
        <ul className={styles.list}>
          {shown.map((row) => {
            const look = statusLook(row.status, row.outcome, row.maybeList);
            const email = row.email;
            const isNew = row.status.startsWith('new_');
            return (
              <li key={row.key} className={focus.includes(email ?? '') && row.status === 'new_unconfirmed' ? `${styles.card} ${styles.focused}` : styles.card}>
                <div className={styles.top}>
                  <Text weight="semibold">{row.displayName}</Text>
                  <Badge appearance="tint" color={look.color} className={styles.badge}>
                    {look.label}
                  </Badge>
                </div>
                {email && email !== row.displayName && <Caption1 className={styles.email}>{email}</Caption1>}
                <LookalikeWarning lookalike={email ? lookalikes[email] : undefined} />
                <Caption1>{look.hint}</Caption1>
                {isNew && email && (
                  <div className={styles.actions}>
                    {row.status === 'new_unconfirmed' ? (
                      <>
                        <Button size="small" appearance="primary" icon={<Checkmark16Regular />} onClick={() => onConfirm(email)} aria-label={`Invite ${email}`}>
                          Invite
                        </Button>
                        <Button size="small" icon={<Dismiss16Regular />} onClick={() => onSkip(email)} aria-label={`Skip ${email}`}>
                          Skip
                        </Button>
                      </>
                    ) : (
                      <Button size="small" appearance="subtle" onClick={() => onUndo(email)} aria-label={`Change decision for ${email}`}>
                        Change
                      </Button>
                    )}
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <div className={styles.footer}>
        {open > 1 && (
          <Button appearance="primary" onClick={onConfirmAll}>
            Invite all {open}
          </Button>
        )}
        <Button onClick={onClose}>Done</Button>
      </div>
      {open === 0 && shown.length > 0 && (
        <Text size={200} className={styles.lead}>
          When you are done, press Send in Outlook again.
        </Text>
      )}
    </section>
  );
}
