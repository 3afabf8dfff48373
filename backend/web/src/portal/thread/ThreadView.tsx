/**
 * A conversation, oldest message first. The server answers its latest messages; "Show earlier messages" pages back
 * (and pages back by itself to the message the link named). The message the link named, unread ones and the newest
 * are open; opening a message fetches it (which records the read receipt). Reply and Reply all answer the newest
 * readable message.
 */
import { Button, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Text, Title2, tokens } from '@fluentui/react-components';
import { ArrowLeft20Regular, ArrowReply20Regular, ArrowReplyAll20Regular, ArrowUp20Regular } from '@fluentui/react-icons';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ErrorNotice, Loading } from '../../shared/Notices';
import { asProblem, type PortalProblem } from '../api/http';
import { getThread, openMessage, type MessageDetail, type ThreadMessage } from '../api/portalApi';
import { ComposeForm } from '../compose/ComposeForm';
import { subjectOf } from '../format';
import { paths, PortalLink, useNavigation } from '../router';
import { useDocumentTitle, useMe, useNotify } from '../session';
import type { MessageChange } from './MessageActions';
import { MessageCard, type DetailState } from './MessageCard';
import { replyDraft } from './replyDraft';

type ThreadState =
  | { kind: 'loading' }
  | { kind: 'failed'; problem: PortalProblem }
  | { kind: 'ready'; messages: ThreadMessage[]; earlier: string | null };
type EarlierState = { kind: 'idle' } | { kind: 'loading' } | { kind: 'failed'; problem: PortalProblem };

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  back: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, alignSelf: 'flex-start' },
  title: { margin: 0, overflowWrap: 'anywhere' },
  muted: { color: tokens.colorNeutralForeground3 },
  earlier: { alignSelf: 'flex-start' },
  cards: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  replyButtons: { display: 'flex', gap: tokens.spacingHorizontalS, marginTop: tokens.spacingVerticalS },
  reply: {
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusLarge,
    padding: tokens.spacingHorizontalL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    boxShadow: tokens.shadow4,
    '& h2': { margin: 0 },
  },
});

interface Props {
  threadId: string;
  /** The message the address named: opened first. */
  focusId?: string;
  initialDetail?: MessageDetail;
  /** Why the message the address named cannot be opened (recalled, expired), shown above its conversation. */
  notice?: PortalProblem;
}

export function ThreadView({ threadId, focusId, initialDetail, notice }: Props) {
  const styles = useStyles();
  const me = useMe();
  const notify = useNotify();
  const { navigate } = useNavigation();
  const [thread, setThread] = useState<ThreadState>({ kind: 'loading' });
  const [earlier, setEarlier] = useState<EarlierState>({ kind: 'idle' });
  const [details, setDetails] = useState<Record<string, DetailState>>(initialDetail ? { [initialDetail.id]: { kind: 'ready', detail: initialDetail } } : {});
  const [expanded, setExpanded] = useState<Set<string> | null>(null);
  const [replying, setReplying] = useState<null | 'reply' | 'all'>(null);
  const requested = useRef(new Set<string>(initialDetail ? [initialDetail.id] : []));

  const mine = useCallback((m: ThreadMessage) => m.from.email.toLowerCase() === me.account.email.toLowerCase(), [me]);
  const openable = useCallback((m: ThreadMessage) => mine(m) || !m.unavailable, [mine]);

  const load = useCallback(() => {
    getThread(threadId).then(
      (answer) => setThread({ kind: 'ready', messages: answer.messages, earlier: answer.earlier }),
      (err: unknown) => setThread({ kind: 'failed', problem: asProblem(err) }),
    );
  }, [threadId]);
  useEffect(load, [load]);

  const cursor = thread.kind === 'ready' ? thread.earlier : null;
  const loadEarlier = useCallback(() => {
    if (!cursor) return;
    setEarlier({ kind: 'loading' });
    getThread(threadId, cursor).then(
      (answer) => {
        setEarlier({ kind: 'idle' });
        setThread((current) => {
          if (current.kind !== 'ready' || current.earlier !== cursor) return current;
          const known = new Set(current.messages.map((m) => m.id));
          return { kind: 'ready', messages: [...answer.messages.filter((m) => !known.has(m.id)), ...current.messages], earlier: answer.earlier };
        });
      },
      (err: unknown) => setEarlier({ kind: 'failed', problem: asProblem(err) }),
    );
  }, [threadId, cursor]);

  const fetchDetail = useCallback((id: string) => {
    requested.current.add(id);
    setDetails((all) => ({ ...all, [id]: { kind: 'loading' } }));
    openMessage(id).then(
      (detail) => setDetails((all) => ({ ...all, [id]: { kind: 'ready', detail } })),
      (err: unknown) => setDetails((all) => ({ ...all, [id]: { kind: 'failed', problem: asProblem(err) } })),
    );
  }, []);

  const messages = thread.kind === 'ready' ? thread.messages : [];
  // The message the link named may be older than the first page: page back to it.
  const focusMissing = thread.kind === 'ready' && !!focusId && !messages.some((m) => m.id === focusId);
  useEffect(() => {
    if (focusMissing && cursor && earlier.kind === 'idle') loadEarlier();
  }, [focusMissing, cursor, earlier, loadEarlier]);
  // First load: open the linked message, the unread ones and the newest.
  useEffect(() => {
    if (thread.kind !== 'ready' || expanded || (focusMissing && cursor && earlier.kind !== 'failed')) return;
    const last = messages[messages.length - 1];
    setExpanded(new Set(messages.filter((m) => m.id === focusId || (m.unread && !mine(m)) || m === last).map((m) => m.id)));
  }, [thread, expanded, messages, focusId, mine, focusMissing, cursor, earlier]);
  // Opened messages are fetched once (that records the read receipt); sent ones too, for their receipts.
  useEffect(() => {
    for (const m of messages) if (expanded?.has(m.id) && openable(m) && !requested.current.has(m.id)) fetchDetail(m.id);
  }, [messages, expanded, openable, fetchDetail]);

  const readable = messages.filter((m) => !m.unavailable);
  const subject = subjectOf(readable[0]?.subject ?? messages[0]?.subject ?? null, messages[0]?.unavailable ?? null);
  useDocumentTitle(thread.kind === 'ready' ? subject : 'Conversation');
  const target = readable[readable.length - 1];
  const targetDetail = target && details[target.id]?.kind === 'ready' ? (details[target.id] as { detail: MessageDetail }).detail : undefined;
  const draft = useMemo(() => (target ? replyDraft(target, targetDetail, me.account.email, mine(target)) : null), [target, targetDetail, me, mine]);

  const changed = (id: string) => (what: MessageChange) => {
    if (what === 'forwarded') return notify('Message forwarded.');
    notify(what === 'recalled' ? 'Message recalled.' : what === 'expiry' ? 'Expiry saved.' : 'Deleted from your view.');
    if (what === 'deleted' && messages.length === 1) return navigate(paths.box('inbox'), { replace: true });
    requested.current.delete(id);
    setDetails((all) => Object.fromEntries(Object.entries(all).filter(([key]) => key !== id)));
    load();
  };
  const toggle = (id: string) => setExpanded((current) => {
    const next = new Set(current);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });

  if (thread.kind === 'loading') return <Loading label="Opening the conversation…" />;
  if (thread.kind === 'failed') {
    return (
      <div className={styles.stack}>
        <Title2 as="h1" className={styles.title}>
          {thread.problem.status === 404 ? 'We could not find this conversation' : 'We could not open this conversation'}
        </Title2>
        <ErrorNotice>{thread.problem.status === 404 ? 'It may have been deleted from your view, or it belongs to another of your organizations.' : thread.problem.message}</ErrorNotice>
        <PortalLink to={paths.box('inbox')}>Back to your inbox</PortalLink>
      </div>
    );
  }

  const people = [...new Set(messages.map((m) => (mine(m) ? 'you' : m.from.name)))];
  return (
    <div className={styles.stack}>
      <PortalLink to={paths.box(messages.every(mine) ? 'sent' : 'inbox')} className={styles.back}>
        <ArrowLeft20Regular aria-hidden /> {messages.every(mine) ? 'Sent' : 'Inbox'}
      </PortalLink>
      {notice && (
        <MessageBar intent={notice.code === 'message_recalled' ? 'error' : 'warning'} layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>The message you opened is no longer available</MessageBarTitle>
            {notice.code === 'message_expired' ? 'It is marked below with when it expired.' : 'It is marked below with who recalled it and when.'}
            {' If you still need it, ask the sender to send it again.'}
          </MessageBarBody>
        </MessageBar>
      )}
      <Title2 as="h1" className={styles.title}>
        {subject}
      </Title2>
      <Text className={styles.muted}>
        {cursor ? 'Latest ' : ''}
        {messages.length} message{messages.length === 1 ? '' : 's'} · {people.join(', ')}
      </Text>
      {cursor && (
        <Button className={styles.earlier} icon={<ArrowUp20Regular />} disabled={earlier.kind === 'loading'} onClick={loadEarlier}>
          {earlier.kind === 'loading' ? 'Loading earlier messages…' : 'Show earlier messages'}
        </Button>
      )}
      {earlier.kind === 'failed' && <ErrorNotice>{earlier.problem.message}</ErrorNotice>}
      <ol className={styles.cards} aria-label="Messages in this conversation">
        {messages.map((m) => (
          <li key={m.id}>
            <MessageCard
              message={m}
              detail={details[m.id]}
              expanded={expanded?.has(m.id) ?? false}
              mine={mine(m)}
              abilities={me.abilities}
              onToggle={() => toggle(m.id)}
              onRetry={() => fetchDetail(m.id)}
              onChanged={changed(m.id)}
            />
          </li>
        ))}
      </ol>
      {draft && !replying && (
        <div className={styles.replyButtons}>
          <Button appearance="primary" icon={<ArrowReply20Regular />} onClick={() => setReplying('reply')}>
            Reply
          </Button>
          {draft.all.to.length + (draft.all.cc?.length ?? 0) > draft.one.to.length && (
            <Button icon={<ArrowReplyAll20Regular />} onClick={() => setReplying('all')}>
              Reply all
            </Button>
          )}
        </div>
      )}
      {draft && replying && (
        <section className={styles.reply} aria-labelledby="reply-title">
          <Text as="h2" id="reply-title" size={400} weight="semibold">
            {replying === 'all' ? 'Reply all' : 'Reply'}
          </Text>
          <ComposeForm
            initial={replying === 'all' ? draft.all : draft.one}
            autoFocus="body"
            onCancel={() => setReplying(null)}
            onSent={(sent) => {
              setReplying(null);
              notify('Reply sent.');
              setExpanded((current) => new Set([...(current ?? []), sent.id]));
              load();
            }}
          />
        </section>
      )}
    </div>
  );
}
