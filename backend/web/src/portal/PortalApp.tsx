/**
 * The portal: find out who is signed in (signed-out people are sent to /login and brought back), then show the
 * view the address names inside the portal frame; when access ends on the way (removed, blocked, signed out by
 * someone else), a page saying why replaces it.
 */
import { Button, makeStyles, Title2, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import { ErrorNotice, Loading } from '../shared/Notices';
import { PageFrame } from '../shared/PageFrame';
import { onAccessEnded, type AccessEnd } from './api/accessEnded';
import { asProblem, type PortalProblem } from './api/http';
import { getMe, type Me } from './api/portalApi';
import { AccountPage } from './account/AccountPage';
import { ClientHistory } from './clients/ClientHistory';
import { ClientList } from './clients/ClientList';
import { ComposePage } from './compose/ComposePage';
import { AccessEndedPage } from './ended/AccessEndedPage';
import { MessageList } from './list/MessageList';
import { NavigationProvider, paths, PortalLink, useNavigationState, type Route } from './router';
import { SigningPage } from './signing/SigningPage';
import { SessionProvider, useDocumentTitle } from './session';
import { NotifyProvider } from '../shared/Notify';
import { PortalShell } from './shell/PortalShell';
import { OpenMessage } from './thread/OpenMessage';
import { ThreadView } from './thread/ThreadView';

type SessionState = { kind: 'loading' } | { kind: 'failed'; problem: PortalProblem } | { kind: 'ready'; me: Me };

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, alignItems: 'flex-start' },
});

function NotFound() {
  const styles = useStyles();
  useDocumentTitle('Page not found');
  return (
    <div className={styles.stack}>
      <Title2 as="h1">There is nothing at this address</Title2>
      <p>The link may be cut short. Go to your inbox to find the message.</p>
      <PortalLink to={paths.box('inbox')}>Open your inbox</PortalLink>
    </div>
  );
}

function View({ route }: { route: Route }) {
  switch (route.view) {
    case 'list':
      return <MessageList key={`${route.box}:${route.q}`} box={route.box} q={route.q} />;
    case 'compose':
      return <ComposePage key={route.to} to={route.to} />;
    case 'clients':
      return <ClientList key={route.q} q={route.q} />;
    case 'client':
      return <ClientHistory key={route.accountId} accountId={route.accountId} />;
    case 'message':
      return <OpenMessage key={route.messageId} messageId={route.messageId} />;
    case 'thread':
      return <ThreadView key={route.threadId} threadId={route.threadId} />;
    case 'signature':
      return <SigningPage key={route.requestId} requestId={route.requestId} />;
    case 'account':
      return <AccountPage />;
    default:
      return <NotFound />;
  }
}

export function PortalApp() {
  const styles = useStyles();
  const navigation = useNavigationState();
  const [session, setSession] = useState<SessionState>({ kind: 'loading' });
  const [ended, setEnded] = useState<AccessEnd | null>(null);
  useEffect(() => onAccessEnded(setEnded), []);

  const load = useCallback(() => {
    setSession({ kind: 'loading' });
    getMe().then(
      (me) => setSession({ kind: 'ready', me }),
      (err: unknown) => {
        const problem = asProblem(err);
        // Signed out: the request layer is already taking the person to the sign-in page.
        if (problem.code !== 'signed_out') setSession({ kind: 'failed', problem });
      },
    );
  }, []);
  useEffect(load, [load]);

  if (ended) return <AccessEndedPage end={ended} />;
  if (session.kind !== 'ready') {
    return (
      <PageFrame>
        {session.kind === 'loading' ? (
          <Loading label="Opening your secure portal…" />
        ) : (
          <div className={styles.stack}>
            <Title2 as="h1">We could not open your portal</Title2>
            <ErrorNotice>{session.problem.message}</ErrorNotice>
            <Button appearance="primary" onClick={load}>
              Try again
            </Button>
          </div>
        )}
      </PageFrame>
    );
  }

  return (
    <SessionProvider value={session.me}>
      <NavigationProvider value={navigation}>
        <NotifyProvider>
          <PortalShell route={navigation.route}>
            <View route={navigation.route} />
          </PortalShell>
        </NotifyProvider>
      </NavigationProvider>
    </SessionProvider>
  );
}
