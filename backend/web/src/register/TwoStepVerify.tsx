/** 2-step check during registration for someone who already set it up: a code from the app, or a recovery code. */
import { Button, Field, Input, Link, makeStyles, Text, Title2, tokens } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { useAction } from '../shared/useAction';
import { CodeField, codeDigits } from './CodeField';
import { verifyTwoStep, type Invitation } from './registrationApi';
import { ChallengeProblem } from './TwoStepEnroll';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  lead: { color: tokens.colorNeutralForeground2 },
  switch: { alignSelf: 'flex-start' },
});

interface Props {
  invitation: Invitation;
  challengeToken: string;
  onVerified: () => void;
}

export function TwoStepVerify({ invitation, challengeToken, onVerified }: Props) {
  const styles = useStyles();
  const [useRecovery, setUseRecovery] = useState(false);
  const [value, setValue] = useState('');
  const [checked, setChecked] = useState(false);
  const { busy, problem, setProblem, run } = useAction();

  const proof: { code: string } | { recoveryCode: string } = useRecovery ? { recoveryCode: value.trim() } : { code: codeDigits(value) };
  const incomplete = 'code' in proof ? proof.code.length !== 6 : proof.recoveryCode === '';
  const wrongCode = problem?.code === 'invalid_two_step_code' ? problem.message : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (incomplete) return;
    if (await run(() => verifyTwoStep(challengeToken, proof))) onVerified();
  };

  const toggle = () => {
    setUseRecovery((v) => !v);
    setValue('');
    setChecked(false);
    setProblem(null);
  };

  return (
    <form className={styles.stack} onSubmit={submit} noValidate aria-labelledby="verify-title">
      <Title2 as="h1" id="verify-title">
        Confirm it’s you
      </Title2>
      <Text as="p" className={styles.lead}>
        Your Sealpost account uses 2-step verification. {useRecovery ? 'Enter one of your recovery codes' : 'Enter the code from your authenticator app'}{' '}
        to join {invitation.organizationName}.
      </Text>
      {useRecovery ? (
        <Field
          label="Recovery code"
          required
          validationMessage={wrongCode ?? (checked && incomplete ? 'Enter one of the recovery codes you saved.' : undefined)}
        >
          <Input value={value} onChange={(_, d) => setValue(d.value)} autoComplete="off" name="recoveryCode" maxLength={40} />
        </Field>
      ) : (
        <CodeField
          label="6-digit code from the app"
          value={value}
          onChange={setValue}
          error={wrongCode ?? (checked && incomplete ? 'Enter the 6 digits the app shows.' : undefined)}
        />
      )}
      <Link as="button" type="button" className={styles.switch} onClick={toggle}>
        {useRecovery ? 'Use a code from the app instead' : 'Lost your phone? Use a recovery code'}
      </Link>
      {problem && !wrongCode && <ChallengeProblem message={problem.message} expired={problem.code === 'invalid_challenge'} />}
      <Button type="submit" appearance="primary" size="large" disabled={busy}>
        {busy ? 'Checking…' : 'Continue'}
      </Button>
    </form>
  );
}
