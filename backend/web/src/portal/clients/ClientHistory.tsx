/**
 * One client's history: the conversations in which you and they exchanged messages that are still in your view,
 * newest first, each opening its conversation; and a button to write to them.
 */
import { Avatar, Button, makeStyles, Text, Title2, tokens } from '@fluentui/react-components';
import { ArrowLeft20Regular, Compose20Regular, History48Regular } from '@fluentui/react-icons';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ErrorNotice } from '../../shared/Notices';
import { clientMessages, type Client } from '../api/clientsApi';
import { asProblem, type PortalProblem } from '../api/http';
import type { MessageSummary } from '../api/portalApi';
import { ConversationRow } from '../list/ConversationRow';
import { ListSkeleton } from '../list/MessageList';
import { groupByThread } from '../list/threads';
import { paths, PortalLink, useNavigation } from '../router';
import { useDocumentTitle, useMe } from '../session';
import { EmptyState, LoadMore } from '../ui';

type State =
  | { kind: 'loading' }
  | { kind: 'failed'; problem: PortalProblem }
  | { kind: 'ready'; client: Client; messages: MessageSummary[]; next: string | null; more: 'idle' | 'loading' | PortalProblem };

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, alignItems: 'flex-start' },
  back: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap', alignSelf: 'stretch' },
  who: { display: 'flex', flexDirection: 'column', flexGrow: 1, minWidth: 0 },
  title: { margin: 0, overflowWrap: 'anywhere' },
  muted: { color: tokens.colorNeutralForeground3 },
  list: { listStyleType: 'none', margin: 0, padding: 0, alignSelf: 'stretch' },
});

export function ClientHistory({ accountId }: { accountId: string }) {
  const styles = useStyles();
  const me = useMe();
  const { navigate } = useNavigation();
  const [state, setState] = useState<State>({ kind: 'loading' });
  useDocumentTitle(state.kind === 'ready' ? state.client.name : 'Client');

  const load = useCallback(() => {
    setState({ kind: 'loading' });
    clientMessages(accountId).then(
      (page) => setState({ kind: 'ready', client: page.client, messages: page.messages, next: page.next, more: 'idle' }),
      (err: unknown) => setState({ kind: 'failed', problem: asProblem(err) }),
    );
  }, [accountId]);
  useEffect(load, [load]);

  const loadMore = async () => {
    if (state.kind !== 'ready' || !state.next) return;
    setState({ ...state, more: 'loading' });
    try {
      const page = await clientMessages(accountId, { before: state.next });
      setState({ ...state, messages: [...state.messages, ...page.messages], next: page.next, more: 'idle' });
    } catch (err) {
      setState({ ...state, more: asProblem(err) });
    }
  };
  const conversations = useMemo(() => (state.kind === 'ready' ? groupByThread(state.messages) : []), [state]);

  const back = (
    <PortalLink to={paths.clients()} className={styles.back}>
      <ArrowLeft20Regular aria-hidden /> Clients
    </PortalLink>
  );
  if (state.kind === 'loading') {
    return (
      <div className={styles.stack}>
        {back}
        <ListSkeleton label="Loading the client's messages" />
      </div>
    );
  }
  if (state.kind === 'failed') {
    const missing = state.problem.status === 404;
    return (
      <div className={styles.stack}>
        {back}
        <Title2 as="h1" className={styles.title}>
          {missing ? 'This person is not among your clients' : 'We could not open this client'}
        </Title2>
        <ErrorNotice>{missing ? 'You have no messages with them in your view any more, or the link is from another organization.' : state.problem.message}</ErrorNotice>
        {!missing && <Button onClick={load}>Try again</Button>}
      </div>
    );
  }

  const { client } = state;
  return (
    <div className={styles.stack}>
      {back}
      <div className={styles.head}>
        <Avatar name={client.name} size={48} color="colorful" aria-hidden />
        <span className={styles.who}>
          <Title2 as="h1" className={styles.title}>
            {client.name}
          </Title2>
          <Text className={styles.muted}>
            {client.email} · {client.messageCount} message{client.messageCount === 1 ? '' : 's'} in your view
          </Text>
        </span>
        <Button appearance="primary" icon={<Compose20Regular />} onClick={() => navigate(paths.compose(client.email))}>
          Write to {client.name}
        </Button>
      </div>
      {conversations.length === 0 ? (
        <EmptyState icon={<History48Regular />} title="No messages in view">
          Messages you delete from your view no longer show here.
        </EmptyState>
      ) : (
        <ul className={styles.list} aria-label={`Conversations with ${client.name}`}>
          {conversations.map((c) => (
            <ConversationRow key={c.threadId} conversation={c} box="inbox" myEmail={me.account.email} />
          ))}
        </ul>
      )}
      {state.next && (
        <>
          <LoadMore state={state.more} label="Load older messages" onLoad={() => void loadMore()} />
        </>
      )}
    </div>
  );
}
