/** Who is signed in (GET /api/v1/me), for every part of the portal, and the portal's notices. */
import { createContext, useContext, useEffect } from 'react';
import type { Me } from './api/portalApi';

const SessionContext = createContext<Me | null>(null);
export const SessionProvider = SessionContext.Provider;

export function useMe(): Me {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useMe outside the signed-in portal');
  return me;
}

/** "Done" messages ("Message sent"), the same as on the admin page. */
export { useNotify } from '../shared/Notify';

/** The browser tab names the view, so history and tabs can be told apart. */
export function useDocumentTitle(title: string) {
  useEffect(() => {
    document.title = `${title} · Sealpost`;
  }, [title]);
}
