/** Who is signed in (GET /api/v1/me), for every part of the portal, and the portal's toast notices. */
import { Toast, ToastTitle, useToastController } from '@fluentui/react-components';
import { createContext, useCallback, useContext, useEffect } from 'react';
import type { Me } from './api/portalApi';

const SessionContext = createContext<Me | null>(null);
export const SessionProvider = SessionContext.Provider;

export function useMe(): Me {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useMe outside the signed-in portal');
  return me;
}

export const TOASTER_ID = 'portal-toaster';

/** A short confirmation ("Message sent") that does not take focus. */
export function useNotify() {
  const { dispatchToast } = useToastController(TOASTER_ID);
  return useCallback(
    (title: string, intent: 'success' | 'info' | 'error' = 'success') =>
      dispatchToast(
        <Toast>
          <ToastTitle>{title}</ToastTitle>
        </Toast>,
        { intent, timeout: 4000, politeness: 'polite' },
      ),
    [dispatchToast],
  );
}

/** The browser tab names the view, so history and tabs can be told apart. */
export function useDocumentTitle(title: string) {
  useEffect(() => {
    document.title = `${title} · Sealpost`;
  }, [title]);
}
