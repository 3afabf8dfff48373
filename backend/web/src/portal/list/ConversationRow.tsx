/**
 * One conversation in a mailbox list: who (the sender; in Sent, who it went to), subject, when, how many messages,
 * unread and attachment markers.
 */
import { Avatar, Badge, makeStyles, mergeClasses, Text, tokens } from '@fluentui/react-components';
import { Attach16Regular, Clock16Regular } from '@fluentui/react-icons';
import type { Box } from '../api/portalApi';
import { recipientNames, shortWhen, subjectOf } from '../format';
import { paths, PortalLink } from '../router';
import { ScreenReaderOnly } from '../ui';
import type { Conversation } from './threads';

const useStyles = makeStyles({
  item: { borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, ':last-child': { borderBottomStyle: 'none' } },
  row: {
    display: 'grid',
    gridTemplateColumns: '10px 36px minmax(0, 1fr) auto',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalS}`,
    color: tokens.colorNeutralForeground1,
    textDecorationLine: 'none',
    borderRadius: tokens.borderRadiusMedium,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover, textDecorationLine: 'none', color: tokens.colorNeutralForeground1 },
  },
  dot: { width: '8px', height: '8px', borderRadius: '50%' },
  dotUnread: { backgroundColor: tokens.colorBrandBackground },
  text: { display: 'flex', flexDirection: 'column', minWidth: 0, gap: '2px' },
  line: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, minWidth: 0 },
  ellipsis: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  muted: { color: tokens.colorNeutralForeground3 },
  gone: { color: tokens.colorNeutralForeground3, fontStyle: 'italic' },
  meta: { display: 'flex', flexDirection: 'column', alignItems: 'flex-end', gap: '4px', color: tokens.colorNeutralForeground3 },
  icons: { display: 'flex', gap: tokens.spacingHorizontalXS, alignItems: 'center' },
});

export function ConversationRow({ conversation, box, myEmail }: { conversation: Conversation; box: Box; myEmail: string }) {
  const styles = useStyles();
  const { latest, count, unread } = conversation;
  const gone = latest.unavailable !== null && latest.subject === null;
  const others = conversation.senders.filter((name) => name !== latest.from.name);
  const fromMe = latest.from.email.toLowerCase() === myEmail.toLowerCase();
  const who = fromMe ? 'You' : latest.from.name;
  const people =
    box === 'sent'
      ? `To: ${recipientNames(latest.recipients)}`
      : others.length
        ? `${who}, ${others.slice(0, 2).join(', ')}${others.length > 2 ? '…' : ''}`
        : who;
  const subject = subjectOf(conversation.subject, latest.unavailable);
  const avatarName = box === 'sent' ? (latest.recipients[0]?.name ?? subject) : latest.from.name;

  return (
    <li className={styles.item}>
      <PortalLink to={paths.thread(conversation.threadId)} className={styles.row}>
        <span className={mergeClasses(styles.dot, unread > 0 && styles.dotUnread)} aria-hidden />
        <Avatar name={avatarName} size={36} color="colorful" aria-hidden />
        <span className={styles.text}>
          <span className={styles.line}>
            {unread > 0 && <ScreenReaderOnly>Unread. </ScreenReaderOnly>}
            <Text weight={unread > 0 ? 'bold' : 'regular'} className={styles.ellipsis}>
              {people}
            </Text>
            {count > 1 && (
              <Text size={200} className={styles.muted}>
                {count}
                <ScreenReaderOnly> messages</ScreenReaderOnly>
              </Text>
            )}
          </span>
          <Text weight={unread > 0 ? 'semibold' : 'regular'} className={mergeClasses(styles.ellipsis, gone && styles.gone)}>
            {subject}
          </Text>
        </span>
        <span className={styles.meta}>
          <Text size={200}>
            <time dateTime={latest.sentAt}>{shortWhen(latest.sentAt)}</time>
          </Text>
          <span className={styles.icons}>
            {latest.unavailable?.reason === 'recalled' && (
              <Badge appearance="tint" color="danger" size="small">
                Recalled
              </Badge>
            )}
            {latest.unavailable?.reason === 'expired' && (
              <Badge appearance="tint" color="warning" size="small">
                Expired
              </Badge>
            )}
            {!latest.unavailable && latest.expiresAt && (
              <>
                <Clock16Regular aria-hidden />
                <ScreenReaderOnly>Expires.</ScreenReaderOnly>
              </>
            )}
            {conversation.attachments > 0 && (
              <>
                <Attach16Regular aria-hidden />
                <ScreenReaderOnly>Has attachments.</ScreenReaderOnly>
              </>
            )}
          </span>
        </span>
      </PortalLink>
    </li>
  );
}
