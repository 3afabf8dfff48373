/**
 * A mailbox (Inbox or Sent) as a list of conversations, newest first, with search in sender and subject (the q
 * in the address, so a search can be bookmarked and Back returns to it) and "Load older messages".
 */
import { Button, makeStyles, SearchBox, Skeleton, SkeletonItem, Title2, tokens } from '@fluentui/react-components';
import { MailInbox48Regular, Search20Regular, Search48Regular, Send48Regular } from '@fluentui/react-icons';
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { ErrorNotice } from '../../shared/Notices';
import { asProblem, type PortalProblem } from '../api/http';
import { listMessages, type Box, type MessageSummary } from '../api/portalApi';
import { paths, PortalLink, useNavigation } from '../router';
import { useDocumentTitle, useMe } from '../session';
import { EmptyState, LoadMore } from '../ui';
import { ConversationRow } from './ConversationRow';
import { groupByThread } from './threads';

type State =
  | { kind: 'loading' }
  | { kind: 'failed'; problem: PortalProblem }
  | { kind: 'ready'; messages: MessageSummary[]; next: string | null; more: 'idle' | 'loading' | PortalProblem };

const useStyles = makeStyles({
  head: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalL, flexWrap: 'wrap' },
  title: { margin: 0 },
  search: { display: 'flex', gap: tokens.spacingHorizontalS, flexGrow: 1, maxWidth: '420px', minWidth: '220px' },
  searchBox: { flexGrow: 1, maxWidth: 'none' },
  status: { color: tokens.colorNeutralForeground3, margin: `${tokens.spacingVerticalS} 0 0` },
  list: { listStyleType: 'none', margin: `${tokens.spacingVerticalM} 0 0`, padding: 0 },
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, marginTop: tokens.spacingVerticalL, alignItems: 'flex-start' },
  skeletonRow: { display: 'grid', gridTemplateColumns: '36px 1fr 60px', gap: tokens.spacingHorizontalM, alignItems: 'center', padding: `${tokens.spacingVerticalM} 0` },
  skeletonText: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
});

export function ListSkeleton({ label = 'Loading messages' }: { label?: string }) {
  const styles = useStyles();
  return (
    <Skeleton aria-label={label} className={styles.list}>
      {[0, 1, 2, 3].map((i) => (
        <div key={i} className={styles.skeletonRow}>
          <SkeletonItem shape="circle" size={36} />
          <div className={styles.skeletonText}>
            <SkeletonItem size={16} style={{ width: '40%' }} />
            <SkeletonItem size={12} style={{ width: '70%' }} />
          </div>
          <SkeletonItem size={12} />
        </div>
      ))}
    </Skeleton>
  );
}

export function MessageList({ box, q }: { box: Box; q: string }) {
  const styles = useStyles();
  const me = useMe();
  const { navigate } = useNavigation();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [query, setQuery] = useState(q);
  const title = box === 'inbox' ? 'Inbox' : 'Sent';
  useDocumentTitle(q ? `Search: ${q}` : title);

  const load = useCallback(() => {
    setState({ kind: 'loading' });
    listMessages({ box, q: q || undefined }).then(
      (page) => setState({ kind: 'ready', messages: page.messages, next: page.next, more: 'idle' }),
      (err: unknown) => setState({ kind: 'failed', problem: asProblem(err) }),
    );
  }, [box, q]);
  useEffect(load, [load]);

  const loadMore = async () => {
    if (state.kind !== 'ready' || !state.next) return;
    setState({ ...state, more: 'loading' });
    try {
      const page = await listMessages({ box, q: q || undefined, before: state.next });
      setState({ kind: 'ready', messages: [...state.messages, ...page.messages], next: page.next, more: 'idle' });
    } catch (err) {
      setState({ ...state, more: asProblem(err) });
    }
  };

  const conversations = useMemo(() => (state.kind === 'ready' ? groupByThread(state.messages) : []), [state]);
  const search = (event: FormEvent) => {
    event.preventDefault();
    navigate(paths.box(box, query.trim()));
  };

  return (
    <>
      <div className={styles.head}>
        <Title2 as="h1" className={styles.title}>
          {title}
        </Title2>
        <form role="search" className={styles.search} onSubmit={search}>
          <SearchBox
            className={styles.searchBox}
            aria-label={`Search ${title.toLowerCase()} by sender or subject`}
            placeholder="Search by sender or subject"
            value={query}
            onChange={(_, data) => {
              setQuery(data.value);
              if (data.value === '' && q) navigate(paths.box(box));
            }}
          />
          <Button type="submit" icon={<Search20Regular />}>
            Search
          </Button>
        </form>
      </div>
      {q && state.kind === 'ready' && (
        <p className={styles.status} role="status">
          {conversations.length === 0 ? 'No results' : `${conversations.length} conversation${conversations.length === 1 ? '' : 's'}`} for “{q}”.{' '}
          <PortalLink to={paths.box(box)}>Clear search</PortalLink>
        </p>
      )}

      {state.kind === 'loading' && <ListSkeleton />}
      {state.kind === 'failed' && (
        <div className={styles.stack}>
          <ErrorNotice title="We could not load your messages">{state.problem.message}</ErrorNotice>
          <Button onClick={load}>Try again</Button>
        </div>
      )}
      {state.kind === 'ready' && conversations.length === 0 && !q && (
        <EmptyState
          icon={box === 'inbox' ? <MailInbox48Regular /> : <Send48Regular />}
          title={box === 'inbox' ? 'Your inbox is empty' : 'You have not sent anything yet'}
        >
          {box === 'inbox'
            ? 'Secure messages sent to you appear here. We also email you when one arrives.'
            : 'Messages you send from the portal or from Outlook appear here.'}
        </EmptyState>
      )}
      {state.kind === 'ready' && conversations.length === 0 && q && (
        <EmptyState icon={<Search48Regular />} title="No messages match your search">
          Try part of the sender’s name, their email address, or a word from the subject.
        </EmptyState>
      )}
      {state.kind === 'ready' && conversations.length > 0 && (
        <ul className={styles.list} aria-label={`${title} conversations`}>
          {conversations.map((c) => (
            <ConversationRow key={c.threadId} conversation={c} box={box} myEmail={me.account.email} />
          ))}
        </ul>
      )}
      {state.kind === 'ready' && state.next && (
        <div className={styles.stack}>
          <LoadMore state={state.more} label="Load older messages" onLoad={() => void loadMore()} />
        </div>
      )}
    </>
  );
}
