/**
 * The account page's 2-step verification: set it up from here with the same enrolment screens as registration
 * (QR code, key, first code), then the recovery codes, shown once. Someone who already has it is told so by the
 * server's answer; replacing it goes through a user manager's reset for now.
 */
import { Button, makeStyles, Text, Title3, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { RecoveryCodes } from '../../register/RecoveryCodes';
import { TwoStepEnroll } from '../../register/TwoStepEnroll';
import { activateTwoStep, enrollTwoStep } from '../api/accountApi';
import { useMe, useNotify } from '../session';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, alignItems: 'flex-start' },
  lead: { color: tokens.colorNeutralForeground2 },
});

type Step = { kind: 'idle' } | { kind: 'enrolling' } | { kind: 'codes'; codes: string[] } | { kind: 'done' };

export function TwoStepSection() {
  const styles = useStyles();
  const me = useMe();
  const notify = useNotify();
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  return (
    <section aria-labelledby="two-step-title" className={styles.stack}>
      <Title3 as="h2" id="two-step-title">
        2-step verification
      </Title3>
      {step.kind === 'idle' && (
        <>
          <Text as="p" className={styles.lead}>
            A code from your phone at each sign-in, so a stolen password alone cannot open your messages.
          </Text>
          <Button onClick={() => setStep({ kind: 'enrolling' })}>Set up 2-step verification</Button>
        </>
      )}
      {step.kind === 'enrolling' && (
        <TwoStepEnroll
          invitation={{ organizationName: me.organization.name }}
          enroll={enrollTwoStep}
          activate={activateTwoStep}
          onActivated={(codes) => setStep({ kind: 'codes', codes })}
          lead="From now on, each sign-in will ask for a code from your phone as well as your password."
        />
      )}
      {step.kind === 'codes' && (
        <RecoveryCodes
          invitation={{ email: me.account.email }}
          codes={step.codes}
          onDone={() => {
            setStep({ kind: 'done' });
            notify('2-step verification is on.');
          }}
        />
      )}
      {step.kind === 'done' && <Text as="p">2-step verification is on. You will be asked for a code each time you sign in.</Text>}
    </section>
  );
}
