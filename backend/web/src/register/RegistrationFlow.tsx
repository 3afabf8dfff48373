/**
 * The registration page's steps: check the invitation, take name and password, then — when the organization
 * asks for it — set up or pass 2-step verification, show recovery codes once, and go to the portal (`goHome`: the
 * message the invitation came with, when its link names one).
 */
import { Button, Link, makeStyles, Text, Title2, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiProblem } from '../shared/api';
import { ErrorNotice, Loading } from '../shared/Notices';
import { PageFrame } from '../shared/PageFrame';
import { RecoveryCodes } from './RecoveryCodes';
import { activateTwoStep, enrollTwoStep, lookupInvitation, needsTwoStep, type Invitation, type SignedIn, type TwoStepRequired } from './registrationApi';
import { RegisterForm } from './RegisterForm';
import { TwoStepEnroll } from './TwoStepEnroll';
import { TwoStepVerify } from './TwoStepVerify';

type Step =
  | { kind: 'loading' }
  | { kind: 'unavailable'; problem: ApiProblem }
  | { kind: 'deadLink'; message: string }
  | { kind: 'form'; invitation: Invitation }
  | { kind: 'twoStep'; invitation: Invitation; challenge: TwoStepRequired }
  | { kind: 'recoveryCodes'; invitation: Invitation; codes: string[] }
  | { kind: 'leaving' };

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  actions: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', flexWrap: 'wrap' },
});

const MISSING_TOKEN =
  'This link is incomplete. Open the link in your invitation email again, or copy the whole address from the email into your browser.';

export function RegistrationFlow({ token, goHome }: { token: string; goHome: () => void }) {
  const [step, setStep] = useState<Step>(token ? { kind: 'loading' } : { kind: 'deadLink', message: MISSING_TOKEN });

  const load = useCallback(() => {
    if (!token) return;
    setStep({ kind: 'loading' });
    lookupInvitation(token).then(
      (invitation) => setStep({ kind: 'form', invitation }),
      (err: unknown) => setStep(failureStep(err)),
    );
  }, [token]);
  useEffect(load, [load]);

  // Each step replaces the card: move focus to its heading so keyboard and screen-reader users start there.
  const firstStep = useRef(true);
  useEffect(() => {
    if (firstStep.current) {
      firstStep.current = false;
      return;
    }
    const heading = document.querySelector<HTMLElement>('main h1');
    heading?.setAttribute('tabindex', '-1');
    heading?.focus();
  }, [step.kind]);

  const leave = useCallback(() => {
    setStep({ kind: 'leaving' });
    goHome();
  }, [goHome]);

  const registered = (invitation: Invitation, result: SignedIn | TwoStepRequired) =>
    needsTwoStep(result) ? setStep({ kind: 'twoStep', invitation, challenge: result }) : leave();

  switch (step.kind) {
    case 'loading':
      return <PageFrame><Loading label="Checking your invitation…" /></PageFrame>;
    case 'leaving':
      return <PageFrame><Loading label="Opening your secure portal…" /></PageFrame>;
    case 'deadLink':
      return <DeadLink message={step.message} />;
    case 'unavailable':
      return <Unavailable problem={step.problem} retry={load} />;
    case 'form':
      return (
        <PageFrame>
          <RegisterForm
            token={token}
            invitation={step.invitation}
            onRegistered={(result) => registered(step.invitation, result)}
            onDeadLink={(message) => setStep({ kind: 'deadLink', message })}
          />
        </PageFrame>
      );
    case 'twoStep':
      return step.challenge.twoStep === 'enroll' ? (
        <PageFrame wide>
          <TwoStepEnroll
            invitation={step.invitation}
            enroll={() => enrollTwoStep(step.challenge.challengeToken)}
            activate={(code) => activateTwoStep(step.challenge.challengeToken, code)}
            onActivated={(codes) => setStep({ kind: 'recoveryCodes', invitation: step.invitation, codes })}
          />
        </PageFrame>
      ) : (
        <PageFrame>
          <TwoStepVerify invitation={step.invitation} challengeToken={step.challenge.challengeToken} onVerified={leave} />
        </PageFrame>
      );
    case 'recoveryCodes':
      return (
        <PageFrame wide>
          <RecoveryCodes invitation={step.invitation} codes={step.codes} onDone={leave} />
        </PageFrame>
      );
  }
}

function failureStep(err: unknown): Step {
  if (err instanceof ApiProblem && err.code === 'invitation_invalid') return { kind: 'deadLink', message: err.message };
  // The API refuses a token of the wrong shape: a link cut short when it was copied.
  if (err instanceof ApiProblem && err.code === 'invalid_request') return { kind: 'deadLink', message: MISSING_TOKEN };
  return { kind: 'unavailable', problem: err instanceof ApiProblem ? err : new ApiProblem(0, 'unexpected', String(err)) };
}

/** The link expired, was used or withdrawn: say so in the backend's sentence, and offer the ways forward. */
function DeadLink({ message }: { message: string }) {
  const styles = useStyles();
  return (
    <PageFrame>
      <div className={styles.stack}>
        <Title2 as="h1">{message === MISSING_TOKEN ? 'This invitation link does not work' : 'This invitation link no longer works'}</Title2>
        <Text as="p" size={400}>{message}</Text>
        <Text as="p">
          Already registered? <Link href="/login">Sign in to Sealpost</Link>.
        </Text>
      </div>
    </PageFrame>
  );
}

/** The invitation could not be checked (offline, too many tries, a fault on our side): say why and let them retry. */
function Unavailable({ problem, retry }: { problem: ApiProblem; retry: () => void }) {
  const styles = useStyles();
  return (
    <PageFrame>
      <div className={styles.stack}>
        <Title2 as="h1">We could not open your invitation</Title2>
        <ErrorNotice>{problem.message}</ErrorNotice>
        <div className={styles.actions}>
          <Button appearance="primary" onClick={retry}>
            Try again
          </Button>
        </div>
      </div>
    </PageFrame>
  );
}
