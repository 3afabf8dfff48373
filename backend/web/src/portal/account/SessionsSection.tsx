/**
 * The account page's list of the person's live sessions (browser, address, last use), this one marked, each other
 * one with a button that signs it out.
 */
import { Badge, Button, makeStyles, Text, Title3, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import { ErrorNotice, Loading } from '../../shared/Notices';
import { useAction } from '../../shared/useAction';
import { endSession, listSessions, type Session } from '../api/accountApi';
import { asProblem } from '../api/http';
import { fullWhen } from '../format';
import { useNotify } from '../session';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    flexWrap: 'wrap',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  what: { display: 'flex', flexDirection: 'column', flexGrow: 1, minWidth: 0 },
  browser: { overflowWrap: 'anywhere' },
  detail: { color: tokens.colorNeutralForeground3 },
});

/** "Chrome on Windows" is all a person needs to recognise a browser; the raw string otherwise. */
export function browserName(userAgent: string | null): string {
  if (!userAgent) return 'Unknown browser';
  const browser = /Edg\//.test(userAgent) ? 'Edge' : /Firefox\//.test(userAgent) ? 'Firefox' : /Chrome\//.test(userAgent) ? 'Chrome' : /Safari\//.test(userAgent) ? 'Safari' : null;
  const system = /Windows/.test(userAgent) ? 'Windows' : /iPhone|iPad/.test(userAgent) ? 'iOS' : /Android/.test(userAgent) ? 'Android' : /Mac OS X/.test(userAgent) ? 'macOS' : /Linux/.test(userAgent) ? 'Linux' : null;
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system ?? userAgent.slice(0, 80);
}

export function SessionsSection({ reloadKey }: { reloadKey: number }) {
  const styles = useStyles();
  const notify = useNotify();
  const ending = useAction();
  const [sessions, setSessions] = useState<Session[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const load = useCallback(() => {
    listSessions().then(
      (answer) => setSessions(answer.sessions),
      (err: unknown) => setProblem(asProblem(err).message),
    );
  }, []);
  useEffect(load, [load, reloadKey]);

  const end = async (session: Session) => {
    const done = await ending.run(async () => {
      await endSession(session.id);
      return true;
    });
    if (!done) return;
    notify(`Signed out ${browserName(session.userAgent)}.`);
    load();
  };

  return (
    <section aria-labelledby="sessions-title">
      <Title3 as="h2" id="sessions-title">
        Where you are signed in
      </Title3>
      {problem && <ErrorNotice>{problem}</ErrorNotice>}
      {ending.problem && <ErrorNotice>{ending.problem.message}</ErrorNotice>}
      {!sessions && !problem && <Loading label="Loading your sessions…" />}
      {sessions && (
        <ul className={styles.list} aria-label="Your sessions">
          {sessions.map((session) => (
            <li key={session.id} className={styles.item}>
              <div className={styles.what}>
                <Text weight="semibold" className={styles.browser}>
                  {browserName(session.userAgent)}
                </Text>
                <Text size={200} className={styles.detail}>
                  {session.ip ?? 'Unknown address'} · last used {fullWhen(session.lastSeenAt)}
                </Text>
              </div>
              {session.current ? (
                <Badge appearance="tint" color="success">
                  This browser
                </Badge>
              ) : (
                <Button onClick={() => void end(session)} disabled={ending.busy} aria-label={`Sign out ${browserName(session.userAgent)}, last used ${fullWhen(session.lastSeenAt)}`}>
                  Sign out
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
