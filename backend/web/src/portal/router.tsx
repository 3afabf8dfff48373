/**
 * The portal's client-side routes under /portal (the server answers every /portal/* address with this page, so
 * links from notification emails and reloads work): parsing, history navigation, and links that stay real anchors
 * (open in a new tab, copy the address) while ordinary clicks change the view without a reload.
 */
import { Link } from '@fluentui/react-components';
import { createContext, useCallback, useContext, useEffect, useState, type MouseEvent, type ReactNode } from 'react';
import type { Box } from './api/portalApi';

export type Route =
  | { view: 'list'; box: Box; q: string }
  | { view: 'compose'; to: string }
  | { view: 'clients'; q: string }
  | { view: 'client'; accountId: string }
  | { view: 'message'; messageId: string }
  | { view: 'thread'; threadId: string }
  | { view: 'signature'; requestId: string }
  | { view: 'account' }
  | { view: 'notFound' };

const ID = '([0-9a-fA-F-]{36})';

export function parseRoute(pathname: string, search: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  const q = new URLSearchParams(search).get('q')?.trim() ?? '';
  if (path === '/portal' || path === '/portal/inbox') return { view: 'list', box: 'inbox', q };
  if (path === '/portal/sent') return { view: 'list', box: 'sent', q };
  if (path === '/portal/compose') return { view: 'compose', to: new URLSearchParams(search).get('to')?.trim() ?? '' };
  if (path === '/portal/clients') return { view: 'clients', q };
  if (path === '/portal/account') return { view: 'account' };
  const client = new RegExp(`^/portal/clients/${ID}$`).exec(path);
  if (client) return { view: 'client', accountId: client[1]!.toLowerCase() };
  const message = new RegExp(`^/portal/messages/${ID}$`).exec(path);
  if (message) return { view: 'message', messageId: message[1]!.toLowerCase() };
  const thread = new RegExp(`^/portal/threads/${ID}$`).exec(path);
  if (thread) return { view: 'thread', threadId: thread[1]!.toLowerCase() };
  const signature = new RegExp(`^/portal/signatures/${ID}$`).exec(path);
  if (signature) return { view: 'signature', requestId: signature[1]!.toLowerCase() };
  return { view: 'notFound' };
}

export const paths = {
  box: (box: Box, q = '') => `/portal${box === 'sent' ? '/sent' : ''}${q ? `?${new URLSearchParams({ q })}` : ''}`,
  compose: (to = '') => `/portal/compose${to ? `?${new URLSearchParams({ to })}` : ''}`,
  clients: (q = '') => `/portal/clients${q ? `?${new URLSearchParams({ q })}` : ''}`,
  client: (accountId: string) => `/portal/clients/${accountId}`,
  message: (id: string) => `/portal/messages/${id}`,
  thread: (id: string) => `/portal/threads/${id}`,
  /** Where signature emails link: the document to sign and where the request stands. */
  signature: (id: string) => `/portal/signatures/${id}`,
  account: () => '/portal/account',
};

interface Navigation {
  route: Route;
  navigate(to: string, options?: { replace?: boolean }): void;
}

const NavigationContext = createContext<Navigation>({ route: { view: 'notFound' }, navigate: () => undefined });

const current = () => parseRoute(window.location.pathname, window.location.search);

export function useNavigationState(): Navigation {
  const [route, setRoute] = useState<Route>(current);
  useEffect(() => {
    const onPop = () => setRoute(current());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = useCallback((to: string, options: { replace?: boolean } = {}) => {
    if (options.replace) window.history.replaceState(null, '', to);
    else window.history.pushState(null, '', to);
    setRoute(current());
    window.scrollTo(0, 0);
  }, []);
  return { route, navigate };
}

export const NavigationProvider = NavigationContext.Provider;
export const useNavigation = () => useContext(NavigationContext);

/** A link to a portal address: a real anchor; a plain click navigates inside the page. */
export function PortalLink({ to, className, children, ...aria }: { to: string; className?: string; children: ReactNode; 'aria-current'?: 'page' }) {
  const { navigate } = useNavigation();
  const click = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <Link href={to} className={className} onClick={click} {...aria}>
      {children}
    </Link>
  );
}
