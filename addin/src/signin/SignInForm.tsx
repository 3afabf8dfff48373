/**
 * The sign-in dialog's form: email and password, then the 2-step code when the account uses one. On success the
 * tokens go to the task pane through the dialog API (messageParent); this page keeps nothing itself.
 */
import { Button, Field, Input, Link, makeStyles, MessageBar, MessageBarBody, Text, Title2, tokens } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { PasswordInput } from '../../../backend/web/src/shared/PasswordInput';
import { ApiError } from '../api/http';
import { isChallenge, type SealpostApi } from '../api/sealpostApi';
import type { Tokens } from '../api/sealpostApi';

const useStyles = makeStyles({
  root: {
    boxSizing: 'border-box',
    minHeight: '100vh',
    padding: `${tokens.spacingVerticalXXL} ${tokens.spacingHorizontalXXL}`,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    maxWidth: '420px',
    margin: '0 auto',
  },
  brand: { color: tokens.colorBrandForeground1, fontWeight: tokens.fontWeightSemibold, letterSpacing: '0.04em' },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  lead: { color: tokens.colorNeutralForeground2 },
});

interface Props {
  api: SealpostApi;
  /** Hands the outcome to the task pane. */
  finish(message: { type: 'signed_in'; tokens: Tokens } | { type: 'cancelled' }): void;
  /** Where people without an account or a 2-step setup go (opens in the browser). */
  webUrl: string;
}

export function SignInForm({ api, finish, webUrl }: Props) {
  const styles = useStyles();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [challenge, setChallenge] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setProblem(null);
    try {
      await work();
    } catch (error) {
      setProblem(error instanceof ApiError ? error.message : 'Sign-in did not work. Try again.');
    } finally {
      setBusy(false);
    }
  };

  const submitPassword = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const answer = await api.login(email.trim(), password);
      if (!isChallenge(answer)) return finish({ type: 'signed_in', tokens: answer });
      if (answer.twoStep === 'enroll') {
        setProblem('Your organization requires 2-step verification. Set it up by signing in to Sealpost in your browser first, then sign in here.');
        return;
      }
      setChallenge(answer.challengeToken);
    });
  };

  const submitCode = (event: FormEvent) => {
    event.preventDefault();
    if (!challenge) return;
    void run(async () => finish({ type: 'signed_in', tokens: await api.verifyTwoStep(challenge, code) }));
  };

  return (
    <main className={styles.root}>
      <Text className={styles.brand}>Sealpost</Text>
      {problem && (
        <MessageBar intent="error">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      )}
      {challenge === null ? (
        <form className={styles.form} onSubmit={submitPassword} aria-labelledby="signin-title">
          <Title2 as="h1" id="signin-title">
            Sign in to send securely
          </Title2>
          <Field label="Email" required>
            <Input name="email" type="email" autoComplete="username" value={email} onChange={(_e, d) => setEmail(d.value)} />
          </Field>
          <Field label="Password" required>
            <PasswordInput name="password" autoComplete="current-password" value={password} onChange={(_e, d) => setPassword(d.value)} />
          </Field>
          <Button appearance="primary" type="submit" disabled={busy || !email.trim() || !password}>
            {busy ? 'Signing in…' : 'Sign in'}
          </Button>
          <Text size={200} className={styles.lead}>
            No account yet? Sealpost accounts are made by invitation.{' '}
            <Link href={`${webUrl}/forgot-password`} target="_blank" rel="noreferrer">
              Forgot your password?
            </Link>
          </Text>
        </form>
      ) : (
        <form className={styles.form} onSubmit={submitCode} aria-labelledby="code-title">
          <Title2 as="h1" id="code-title">
            Confirm it’s you
          </Title2>
          <Text as="p" className={styles.lead}>
            Enter the 6-digit code from your authenticator app, or one of your recovery codes.
          </Text>
          <Field label="Code" required>
            <Input name="code" autoComplete="one-time-code" inputMode="text" value={code} onChange={(_e, d) => setCode(d.value)} />
          </Field>
          <Button appearance="primary" type="submit" disabled={busy || !code.trim()}>
            {busy ? 'Checking…' : 'Continue'}
          </Button>
        </form>
      )}
      <Button appearance="subtle" onClick={() => finish({ type: 'cancelled' })}>
        Cancel
      </Button>
    </main>
  );
}
