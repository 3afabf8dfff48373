/**
 * The first step of registration: who invited the person and where to, then name, password and an optional
 * phone. Someone who already has a Sealpost account only types that account's password.
 */
import { Button, Field, Input, Link, makeStyles, MessageBar, MessageBarBody, Text, Title2, tokens } from '@fluentui/react-components';
import { ShieldLock20Regular } from '@fluentui/react-icons';
import { useEffect, useState, type FormEvent } from 'react';
import { ErrorNotice } from '../shared/Notices';
import { PasswordInput } from '../shared/PasswordInput';
import { useAction } from '../shared/useAction';
import { register, type Invitation, type SignedIn, type TwoStepRequired } from './registrationApi';

const PASSWORD_MIN = 8;
/** What the API accepts as a phone number: digits with the usual separators, optionally a leading +. */
const PHONE = /^\+?[0-9 ().-]{5,32}$/;

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  intro: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  lead: { color: tokens.colorNeutralForeground2 },
  submit: { marginTop: tokens.spacingVerticalS },
  footnote: { color: tokens.colorNeutralForeground3 },
});

interface Props {
  token: string;
  invitation: Invitation;
  onRegistered: (result: SignedIn | TwoStepRequired) => void;
  onDeadLink: (message: string) => void;
}

export function RegisterForm({ token, invitation, onRegistered, onDeadLink }: Props) {
  const styles = useStyles();
  const existing = invitation.hasAccount;
  const [name, setName] = useState(invitation.name ?? '');
  const [password, setPassword] = useState('');
  const [phone, setPhone] = useState(invitation.phone ?? '');
  const [checked, setChecked] = useState(false);
  const { busy, problem, run } = useAction();

  const nameMissing = !existing && name.trim() === '';
  const passwordShort = existing ? password === '' : [...password].length < PASSWORD_MIN;
  const phoneInvalid = !existing && phone.trim() !== '' && !PHONE.test(phone.trim());
  const passwordProblem = problem && (problem.code === 'weak_password' || problem.code === 'invalid_credentials') ? problem : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (nameMissing || passwordShort || phoneInvalid) return;
    // Someone with an account only proves it is theirs: their name and phone stay as they are.
    const result = await run(() =>
      register(existing ? { token, password } : { token, name: name.trim(), password, ...(phone.trim() ? { phone: phone.trim() } : {}) }),
    );
    if (result) onRegistered(result);
  };
  useEffect(() => {
    if (problem?.code === 'invitation_invalid') onDeadLink(problem.message);
  }, [problem, onDeadLink]);

  return (
    <form className={styles.form} onSubmit={submit} noValidate aria-labelledby="register-title">
      <div className={styles.intro}>
        <Title2 as="h1" id="register-title">
          {existing ? `Join ${invitation.organizationName} on Sealpost` : `Create your Sealpost account`}
        </Title2>
        <Text as="p" size={400} className={styles.lead}>
          {invitation.inviterName ? (
            <>
              <strong>{invitation.inviterName}</strong> invited you
            </>
          ) : (
            'You were invited'
          )}{' '}
          to exchange messages and files securely with <strong>{invitation.organizationName}</strong>.
        </Text>
      </div>

      {existing && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>You already have a Sealpost account; enter its password to add {invitation.organizationName} to it.</MessageBarBody>
        </MessageBar>
      )}

      <Field label="Email" hint={existing ? undefined : 'You will sign in to Sealpost with this address.'}>
        {/* Read-only but present, so password managers save the new password under this address. */}
        <Input value={invitation.email} readOnly appearance="filled-darker" autoComplete="username" name="email" />
      </Field>

      {!existing && (
        <Field label="Your name" required validationMessage={checked && nameMissing ? 'Enter your name as it should appear to others.' : undefined}>
          <Input value={name} onChange={(_, d) => setName(d.value)} autoComplete="name" name="name" maxLength={120} />
        </Field>
      )}

      <Field
        label={existing ? 'Your Sealpost password' : 'Choose a password'}
        required
        hint={existing ? undefined : `At least ${PASSWORD_MIN} characters. A passphrase of a few words works well.`}
        validationMessage={
          passwordProblem?.message ??
          (checked && passwordShort ? (existing ? 'Enter your password.' : `Use at least ${PASSWORD_MIN} characters.`) : undefined)
        }
      >
        <PasswordInput
          value={password}
          onChange={(_, d) => setPassword(d.value)}
          autoComplete={existing ? 'current-password' : 'new-password'}
          name="password"
          maxLength={128}
        />
      </Field>

      {!existing && (
        <Field
          label="Mobile phone (optional)"
          hint="Only used to reach you about your account."
          validationMessage={checked && phoneInvalid ? 'Enter a phone number with digits, for example +1 555 010 0199.' : undefined}
        >
          <Input type="tel" value={phone} onChange={(_, d) => setPhone(d.value)} autoComplete="tel" name="phone" maxLength={32} />
        </Field>
      )}

      {invitation.requiresTwoStep && (
        <MessageBar intent="info" layout="multiline" icon={<ShieldLock20Regular />}>
          <MessageBarBody>
            {invitation.organizationName} asks everyone to use 2-step verification. You will need an authenticator app on your phone
            for the next step.
          </MessageBarBody>
        </MessageBar>
      )}

      {problem && !passwordProblem && problem.code !== 'invitation_invalid' && <ErrorNotice>{problem.message}</ErrorNotice>}

      <Button type="submit" appearance="primary" size="large" className={styles.submit} disabled={busy}>
        {busy ? 'Please wait…' : existing ? 'Sign in and join' : 'Create account'}
      </Button>

      {existing && (
        <Text as="p" size={200} className={styles.footnote}>
          Forgot it? <Link href="/forgot-password">Reset your password</Link>, then open this invitation link again.
        </Text>
      )}
    </form>
  );
}
