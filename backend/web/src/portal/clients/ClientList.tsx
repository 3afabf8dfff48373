/**
 * A pro's clients: the guests they exchanged messages with, most recent first, from the messages still in their
 * own view. Each opens that client's history; "Write" starts a message to them. Search by name or email (the q in
 * the address, like the mailboxes), and "Show more clients".
 */
import { Avatar, Button, makeStyles, SearchBox, Text, Title2, tokens } from '@fluentui/react-components';
import { Compose20Regular, People48Regular, Search20Regular, Search48Regular } from '@fluentui/react-icons';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { ErrorNotice } from '../../shared/Notices';
import { listClients, type Client } from '../api/clientsApi';
import { asProblem, type PortalProblem } from '../api/http';
import { shortWhen } from '../format';
import { ListSkeleton } from '../list/MessageList';
import { paths, PortalLink, useNavigation } from '../router';
import { useDocumentTitle } from '../session';
import { EmptyState, LoadMore } from '../ui';

type State =
  | { kind: 'loading' }
  | { kind: 'failed'; problem: PortalProblem }
  | { kind: 'ready'; clients: Client[]; next: string | null; more: 'idle' | 'loading' | PortalProblem };

const useStyles = makeStyles({
  head: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalL, flexWrap: 'wrap' },
  title: { margin: 0 },
  intro: { color: tokens.colorNeutralForeground3, margin: `${tokens.spacingVerticalS} 0 0` },
  search: { display: 'flex', gap: tokens.spacingHorizontalS, flexGrow: 1, maxWidth: '420px', minWidth: '220px' },
  searchBox: { flexGrow: 1, maxWidth: 'none' },
  list: { listStyleType: 'none', margin: `${tokens.spacingVerticalM} 0 0`, padding: 0 },
  item: {
    display: 'grid',
    gridTemplateColumns: '36px minmax(0, 1fr) auto',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    ':last-child': { borderBottomStyle: 'none' },
  },
  who: { display: 'flex', flexDirection: 'column', minWidth: 0, gap: '2px' },
  name: { fontWeight: tokens.fontWeightSemibold, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  muted: { color: tokens.colorNeutralForeground3, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, marginTop: tokens.spacingVerticalL, alignItems: 'flex-start' },
});

function ClientRow({ client }: { client: Client }) {
  const styles = useStyles();
  const { navigate } = useNavigation();
  const count = `${client.messageCount} message${client.messageCount === 1 ? '' : 's'}`;
  return (
    <li className={styles.item}>
      <Avatar name={client.name} size={36} color="colorful" aria-hidden />
      <span className={styles.who}>
        <PortalLink to={paths.client(client.accountId)} className={styles.name}>
          {client.name}
        </PortalLink>
        <Text size={200} className={styles.muted}>
          {client.email} · {count} · last <time dateTime={client.lastExchangeAt}>{shortWhen(client.lastExchangeAt)}</time>
        </Text>
      </span>
      <Button size="small" icon={<Compose20Regular />} onClick={() => navigate(paths.compose(client.email))} aria-label={`Write to ${client.name}`}>
        Write
      </Button>
    </li>
  );
}

export function ClientList({ q }: { q: string }) {
  const styles = useStyles();
  const { navigate } = useNavigation();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [query, setQuery] = useState(q);
  useDocumentTitle(q ? `Clients: ${q}` : 'Clients');

  const load = useCallback(() => {
    setState({ kind: 'loading' });
    listClients({ q: q || undefined }).then(
      (page) => setState({ kind: 'ready', clients: page.clients, next: page.next, more: 'idle' }),
      (err: unknown) => setState({ kind: 'failed', problem: asProblem(err) }),
    );
  }, [q]);
  useEffect(load, [load]);

  const loadMore = async () => {
    if (state.kind !== 'ready' || !state.next) return;
    setState({ ...state, more: 'loading' });
    try {
      const page = await listClients({ q: q || undefined, after: state.next });
      setState({ kind: 'ready', clients: [...state.clients, ...page.clients], next: page.next, more: 'idle' });
    } catch (err) {
      setState({ ...state, more: asProblem(err) });
    }
  };
  const search = (event: FormEvent) => {
    event.preventDefault();
    navigate(paths.clients(query.trim()));
  };

  return (
    <>
      <div className={styles.head}>
        <Title2 as="h1" className={styles.title}>
          Clients
        </Title2>
        <form role="search" className={styles.search} onSubmit={search}>
          <SearchBox
            className={styles.searchBox}
            aria-label="Search clients by name or email"
            placeholder="Search by name or email"
            value={query}
            onChange={(_, data) => {
              setQuery(data.value);
              if (data.value === '' && q) navigate(paths.clients());
            }}
          />
          <Button type="submit" icon={<Search20Regular />}>
            Search
          </Button>
        </form>
      </div>
      <p className={styles.intro}>Guests you have exchanged messages with. Someone leaves this list when you delete every message with them.</p>

      {state.kind === 'loading' && <ListSkeleton label="Loading clients" />}
      {state.kind === 'failed' && (
        <div className={styles.stack}>
          <ErrorNotice title="We could not load your clients">{state.problem.message}</ErrorNotice>
          <Button onClick={load}>Try again</Button>
        </div>
      )}
      {state.kind === 'ready' && state.clients.length === 0 && (
        q ? (
          <EmptyState icon={<Search48Regular />} title="No clients match your search">
            Try part of their name or their email address. <PortalLink to={paths.clients()}>Show all clients</PortalLink>
          </EmptyState>
        ) : (
          <EmptyState icon={<People48Regular />} title="No clients yet">
            When you exchange messages with guests of your organization, they appear here.
          </EmptyState>
        )
      )}
      {state.kind === 'ready' && state.clients.length > 0 && (
        <ul className={styles.list} aria-label="Clients">
          {state.clients.map((client) => (
            <ClientRow key={client.accountId} client={client} />
          ))}
        </ul>
      )}
      {state.kind === 'ready' && state.next && (
        <div className={styles.stack}>
          <LoadMore state={state.more} label="Show more clients" onLoad={() => void loadMore()} />
        </div>
      )}
    </>
  );
}
