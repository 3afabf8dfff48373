/** The task pane: account bar, notices, then either sign-in or the secure switch, recipients and review. */
import { Button, Link, makeStyles, MessageBar, MessageBarActions, MessageBarBody, Spinner, tokens } from '@fluentui/react-components';
import { Dismiss16Regular } from '@fluentui/react-icons';
import { useEffect } from 'react';
import { assessSend } from '../recipients/review';
import { AccountHeader } from './features/account/AccountHeader';
import { SenderControlsPanel } from './features/controls/SenderControlsPanel';
import { useSenderControls } from './features/controls/useSenderControls';
import { RecipientList } from './features/recipients/RecipientList';
import { ReviewPanel } from './features/review/ReviewPanel';
import { SecureSwitch } from './features/secure/SecureSwitch';
import { SignInPrompt } from './features/signin/SignInPrompt';
import { usePaneModel } from './model/usePaneModel';

const useStyles = makeStyles({
  root: { minHeight: '100vh', display: 'flex', flexDirection: 'column', backgroundColor: tokens.colorNeutralBackground2 },
  body: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalM,
    flexGrow: 1,
    // Spacing comes from the flex gaps; browser margins on headings and paragraphs would double it.
    '& h1, & h2, & p': { margin: 0 },
  },
  footer: {
    display: 'flex',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
});

export function App({ portalUrl, helpUrl }: { portalUrl: string; helpUrl: string }) {
  const styles = useStyles();
  const [state, model] = usePaneModel();
  const [controlsState, controls] = useSenderControls();
  // The warnings ride on the classification the model records on the item: re-read them when the rows change.
  useEffect(() => void controls.refreshLookalikes(), [state.rows, controls]);
  const assessment = assessSend(state.rows);
  const toReview = assessment.unconfirmed.length + assessment.skipped.length + assessment.cannotReceive.length + assessment.unusable.length + assessment.lists.length;

  return (
    <div className={styles.root}>
      <AccountHeader me={state.me} portalUrl={portalUrl} onSignOut={() => void model.signOut()} />
      <main className={styles.body}>
        {state.notice && (
          <MessageBar intent={state.notice.intent} role="status">
            <MessageBarBody>{state.notice.text}</MessageBarBody>
            <MessageBarActions
              containerAction={<Button appearance="transparent" aria-label="Dismiss" icon={<Dismiss16Regular />} onClick={model.dismissNotice} />}
            />
          </MessageBar>
        )}
        {state.phase === 'loading' && <Spinner label="Loading…" />}
        {state.phase === 'signed_out' && <SignInPrompt busy={state.signingIn} onSignIn={() => void model.signIn()} />}
        {state.phase === 'ready' &&
          (state.reviewOpen ? (
            <ReviewPanel
              rows={state.rows}
              focus={state.focus}
              onConfirm={(email) => void model.confirm(email)}
              onSkip={(email) => void model.skip(email)}
              onUndo={(email) => void model.undo(email)}
              onConfirmAll={() => void model.confirmAll()}
              onClose={model.closeReview}
              lookalikes={controlsState.lookalikes}
            />
          ) : (
            <>
              <SecureSwitch secure={state.secure} locked={state.locked} onChange={(on) => void model.setSecure(on)} />
              {toReview > 0 && (
                <MessageBar intent="warning">
                  <MessageBarBody>
                    {toReview === 1 ? '1 recipient needs' : `${toReview} recipients need`} your review before a secure send.
                  </MessageBarBody>
                  <MessageBarActions>
                    <Button size="small" onClick={model.openReview}>
                      Review
                    </Button>
                  </MessageBarActions>
                </MessageBar>
              )}
              <RecipientList rows={state.rows} busy={state.classifying} lookalikes={controlsState.lookalikes} />
              <SenderControlsPanel secure={state.secure || state.locked} />
            </>
          ))}
      </main>
      <footer className={styles.footer}>
        <Link href={portalUrl} target="_blank" rel="noreferrer">
          Open the Sealpost portal
        </Link>
        <Link href={helpUrl} target="_blank" rel="noreferrer">
          Help
        </Link>
      </footer>
    </div>
  );
}
