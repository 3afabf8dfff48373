/**
 * /portal/messages/:id, where notification emails link: opens the message (recording the read receipt) and shows
 * its conversation. A recalled or expired message says who recalled it and when, in the server's words, above the
 * rest of its conversation (the server's answer names the thread).
 */
import { Button, makeStyles, MessageBar, MessageBarBody, Text, Title2, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import { ErrorNotice, Loading } from '../../shared/Notices';
import { asProblem, type PortalProblem } from '../api/http';
import { openMessage, type MessageDetail } from '../api/portalApi';
import { paths, PortalLink } from '../router';
import { useDocumentTitle, useMe } from '../session';
import { ThreadView } from './ThreadView';

type State = { kind: 'loading' } | { kind: 'failed'; problem: PortalProblem } | { kind: 'ready'; detail: MessageDetail };

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, alignItems: 'flex-start' },
  title: { margin: 0 },
  muted: { color: tokens.colorNeutralForeground2, margin: 0 },
  notice: { alignSelf: 'stretch' },
});

function Unavailable({ problem, onRetry }: { problem: PortalProblem; onRetry: () => void }) {
  const styles = useStyles();
  const me = useMe();
  const gone = problem.status === 410;
  const missing = problem.status === 404;
  useDocumentTitle(gone ? 'Message no longer available' : missing ? 'Message not found' : 'Message');
  return (
    <div className={styles.stack}>
      <Title2 as="h1" className={styles.title}>
        {gone ? 'This message is no longer available' : missing ? 'We could not find this message' : 'We could not open this message'}
      </Title2>
      {gone ? (
        <MessageBar intent={problem.code === 'message_recalled' ? 'error' : 'warning'} layout="multiline" className={styles.notice}>
          <MessageBarBody>{problem.message}</MessageBarBody>
        </MessageBar>
      ) : missing ? (
        <Text as="p" className={styles.muted}>
          It may have been deleted from your view
          {me.memberships.length > 1 ? `, or it was sent to you in another of your organizations: switch organization at the top of the page and open the link again` : ''}.
        </Text>
      ) : (
        <>
          <ErrorNotice>{problem.message}</ErrorNotice>
          <Button onClick={onRetry}>Try again</Button>
        </>
      )}
      {gone && <Text className={styles.muted}>If you still need it, ask the sender to send it again.</Text>}
      <PortalLink to={paths.box('inbox')}>Back to your inbox</PortalLink>
    </div>
  );
}

export function OpenMessage({ messageId }: { messageId: string }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const load = useCallback(() => {
    setState({ kind: 'loading' });
    openMessage(messageId).then(
      (detail) => setState({ kind: 'ready', detail }),
      (err: unknown) => setState({ kind: 'failed', problem: asProblem(err) }),
    );
  }, [messageId]);
  useEffect(load, [load]);

  if (state.kind === 'loading') return <Loading label="Opening the message…" />;
  if (state.kind === 'failed') {
    const threadId = state.problem.body.threadId;
    if (state.problem.status === 410 && typeof threadId === 'string') return <ThreadView threadId={threadId} focusId={messageId} notice={state.problem} />;
    return <Unavailable problem={state.problem} onRetry={load} />;
  }
  return <ThreadView threadId={state.detail.threadId} focusId={messageId} initialDetail={state.detail} />;
}
