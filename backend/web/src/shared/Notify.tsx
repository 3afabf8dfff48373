/**
 * One place for "done" messages on every page: a polite live region in the corner that screen readers announce.
 * (Fluent's Toaster adds focusable elements hidden from assistive technology while a toast shows, which axe
 * rightly flags, so the pages do not use it.)
 */
import { makeStyles, MessageBar, MessageBarBody, tokens } from '@fluentui/react-components';
import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';

export type NoticeIntent = 'success' | 'warning' | 'info' | 'error';
interface Notice {
  id: number;
  message: string;
  intent: NoticeIntent;
}
const NOTICE_MS = 5000;
let nextNotice = 0;

const useStyles = makeStyles({
  notices: {
    position: 'fixed',
    right: tokens.spacingHorizontalXL,
    bottom: tokens.spacingVerticalXL,
    zIndex: 1000001,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    maxWidth: 'min(420px, calc(100vw - 40px))',
  },
  notice: { boxShadow: tokens.shadow16 },
});

const NotifyContext = createContext<(message: string, intent?: NoticeIntent) => void>(() => undefined);

export function NotifyProvider({ children }: { children: ReactNode }) {
  const styles = useStyles();
  const [notices, setNotices] = useState<Notice[]>([]);
  const dismiss = useCallback((id: number) => setNotices((all) => all.filter((n) => n.id !== id)), []);
  const notify = useCallback(
    (message: string, intent: NoticeIntent = 'success') => {
      const id = (nextNotice += 1);
      setNotices((all) => [...all.slice(-2), { id, message, intent }]);
      setTimeout(() => dismiss(id), NOTICE_MS);
    },
    [dismiss],
  );
  return (
    <NotifyContext.Provider value={notify}>
      {children}
      <div className={styles.notices} role="status" aria-live="polite" aria-label="Notifications">
        {notices.map((n) => (
          <MessageBar key={n.id} intent={n.intent} className={styles.notice} data-notice="">
            <MessageBarBody>{n.message}</MessageBarBody>
          </MessageBar>
        ))}
      </div>
    </NotifyContext.Provider>
  );
}

/** notify("Message sent."): shown for five seconds, at most three at once. */
export const useNotify = () => useContext(NotifyContext);
