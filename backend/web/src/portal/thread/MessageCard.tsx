/**
 * One message in a conversation. Folded, it is a line (sender, first words, date) that opens on click; open, it
 * shows the recipients, the body in its sandbox, the files, the sender's read receipts and the message's actions.
 * Recalled or expired messages show who recalled them and when instead of the body.
 */
import { Avatar, Button, makeStyles, MessageBar, MessageBarBody, mergeClasses, shorthands, Text, tokens } from '@fluentui/react-components';
import { Clock16Regular } from '@fluentui/react-icons';
import { useId, useMemo } from 'react';
import { ErrorNotice, Loading } from '../../shared/Notices';
import type { PortalProblem } from '../api/http';
import type { Abilities } from '@contract/me';
import type { MessageDetail, ThreadMessage } from '../api/portalApi';
import { fullWhen, shortWhen, subjectOf, unavailableSentence } from '../format';
import { MessageActions, type MessageChange } from './MessageActions';
import { MessageBody } from './MessageBody';
import { MessageFiles } from './MessageFiles';
import { MessageSignatures } from '../requesting/MessageSignatures';
import { Receipts } from './Receipts';
import { SignatureRequestNotice } from '../signing/SignatureRequestNotice';

export type DetailState = { kind: 'loading' } | { kind: 'failed'; problem: PortalProblem } | { kind: 'ready'; detail: MessageDetail };

const useStyles = makeStyles({
  card: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  open: { boxShadow: tokens.shadow4, ...shorthands.borderColor(tokens.colorNeutralStroke1) },
  header: {
    display: 'grid',
    gridTemplateColumns: '40px minmax(0, 1fr) auto',
    columnGap: tokens.spacingHorizontalM,
    alignItems: 'center',
    width: '100%',
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    border: 'none',
    background: 'none',
    textAlign: 'start',
    font: 'inherit',
    color: 'inherit',
    cursor: 'pointer',
    borderRadius: tokens.borderRadiusLarge,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
    // On a phone the date goes under the sender, so the name keeps the width.
    '@media (max-width: 600px)': { gridTemplateColumns: '40px minmax(0, 1fr)' },
  },
  avatar: { '@media (max-width: 600px)': { gridRow: 'span 2' } },
  date: { color: tokens.colorNeutralForeground3, '@media (max-width: 600px)': { gridColumn: '2' } },
  who: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  line: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  muted: { color: tokens.colorNeutralForeground3 },
  content: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    padding: `0 ${tokens.spacingHorizontalL} ${tokens.spacingVerticalL} calc(${tokens.spacingHorizontalL} + 40px + ${tokens.spacingHorizontalM})`,
    '@media (max-width: 600px)': { paddingLeft: tokens.spacingHorizontalL },
  },
  expiry: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, color: tokens.colorPaletteDarkOrangeForeground1 },
  actions: { borderTop: `1px solid ${tokens.colorNeutralStroke2}`, paddingTop: tokens.spacingVerticalS },
});

interface Props {
  message: ThreadMessage;
  detail: DetailState | undefined;
  expanded: boolean;
  mine: boolean;
  /** What the viewer may do with messages: forward what they can read, recall or shorten the expiry of their own. */
  abilities: Pick<Abilities, 'forwardMessages' | 'recallMessages' | 'shortenExpiry' | 'requestSignatures'>;
  onToggle: () => void;
  onRetry: () => void;
  onChanged: (what: MessageChange) => void;
}

function snippetOf(html: string | null): string {
  if (!html) return '';
  const text = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html').body.textContent ?? '';
  return text.replace(/\s+/g, ' ').trim().slice(0, 140);
}

function recipientLine(detail: MessageDetail): string {
  const names = (kind: 'to' | 'cc' | 'bcc') => detail.recipients.filter((r) => r.kind === kind).map((r) => r.name || r.email);
  const parts = [`To: ${names('to').join(', ') || '—'}`];
  if (names('cc').length) parts.push(`Cc: ${names('cc').join(', ')}`);
  if (names('bcc').length) parts.push(`Bcc: ${names('bcc').join(', ')}`);
  return parts.join(' · ');
}

export function MessageCard({ message, detail, expanded, mine, abilities, onToggle, onRetry, onChanged }: Props) {
  const styles = useStyles();
  const ids = { body: useId(), receipts: useId(), files: useId(), signatures: useId() };
  const ready = detail?.kind === 'ready' ? detail.detail : null;
  const html = ready?.html ?? message.html;
  const snippet = useMemo(() => snippetOf(message.html), [message.html]);
  const gone = message.unavailable;
  const subject = subjectOf(message.subject, gone);
  const sender = mine ? `${message.from.name} (you)` : message.from.name;

  return (
    <article className={mergeClasses(styles.card, expanded && styles.open)} aria-label={`Message from ${message.from.name}, ${fullWhen(message.sentAt)}`}>
      <button type="button" className={styles.header} aria-expanded={expanded} aria-controls={expanded ? ids.body : undefined} onClick={onToggle}>
        <Avatar name={message.from.name} size={40} color="colorful" aria-hidden className={styles.avatar} />
        <span className={styles.who}>
          <Text weight={message.unread && !mine ? 'bold' : 'semibold'} className={styles.line}>
            {sender}
            {expanded && <span className={styles.muted}> &lt;{message.from.email}&gt;</span>}
          </Text>
          <Text size={200} className={mergeClasses(styles.line, styles.muted)}>
            {expanded ? (ready ? recipientLine(ready) : subject) : gone && !html ? unavailableSentence(gone) : snippet || subject}
          </Text>
        </span>
        <Text size={200} className={styles.date}>
          <time dateTime={message.sentAt} title={fullWhen(message.sentAt)}>
            {expanded ? fullWhen(message.sentAt) : shortWhen(message.sentAt)}
          </time>
        </Text>
      </button>

      {expanded && (
        <div className={styles.content} id={ids.body}>
          {gone && (
            <MessageBar intent={gone.reason === 'recalled' ? 'error' : 'warning'} layout="multiline">
              <MessageBarBody>
                {unavailableSentence(gone)}
                {mine && !gone.forwarded && ' Recipients can no longer open it or its files; you still can.'}
              </MessageBarBody>
            </MessageBar>
          )}
          {!gone && message.expiresAt && (
            <Text size={200} className={styles.expiry}>
              <Clock16Regular aria-hidden /> Expires {fullWhen(message.expiresAt)}
            </Text>
          )}
          {detail?.kind === 'loading' && !html && <Loading label="Opening the message…" />}
          {detail?.kind === 'failed' && (
            <div>
              <ErrorNotice>{detail.problem.message}</ErrorNotice>
              <Button onClick={onRetry}>Try again</Button>
            </div>
          )}
          {html && <MessageBody html={html} title={`Message from ${message.from.name}: ${subject}`} />}
          {ready && <SignatureRequestNotice requests={ready.signatureRequests} files={ready.files} />}
          {ready && <MessageFiles files={ready.files} headingId={ids.files} />}
          {mine && ready && (
            <MessageSignatures
              messageId={message.id}
              files={ready.files}
              recipients={ready.recipients}
              canRequest={abilities.requestSignatures && !gone}
              asked={ready.signatureRequests.some((r) => r.requester)}
              headingId={ids.signatures}
            />
          )}
          {mine && ready && <Receipts recipients={ready.recipients} headingId={ids.receipts} />}
          {message.noForwarding && !gone && (
            <Text size={200}>{mine ? 'No forwarding: recipients cannot pass this message on.' : 'Its sender asked that this message not be forwarded.'}</Text>
          )}
          <div className={styles.actions}>
            <MessageActions
              messageId={message.id}
              subject={subject}
              canForward={abilities.forwardMessages && !gone && ready !== null && (mine || !message.noForwarding)}
              fileCount={ready?.files.length ?? 0}
              canRecall={mine && abilities.recallMessages && !gone}
              canSetExpiry={mine && gone?.reason !== 'recalled' && (abilities.shortenExpiry || message.expiresAt !== null)}
              expiresAt={message.expiresAt}
              onChanged={onChanged}
            />
          </div>
        </div>
      )}
    </article>
  );
}
