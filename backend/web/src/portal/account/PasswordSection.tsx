/**
 * The account page's password form: the current password, then the new one twice. On success the person's other
 * sessions have ended (the server says how many) and an email tells them of the change.
 */
import { Button, Field, makeStyles, Title3, tokens } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { ErrorNotice } from '../../shared/Notices';
import { PasswordInput } from '../../shared/PasswordInput';
import { useAction } from '../../shared/useAction';
import { changePassword } from '../api/accountApi';
import { useNotify } from '../session';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '420px' },
  actions: { display: 'flex' },
});

export function PasswordSection({ onChanged }: { onChanged: () => void }) {
  const styles = useStyles();
  const notify = useNotify();
  const action = useAction();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [checked, setChecked] = useState(false);
  const mismatch = checked && next !== again ? 'The two new passwords are not the same.' : undefined;
  const wrongCurrent = action.problem?.code === 'current_password_incorrect' ? action.problem.message : undefined;
  const weak = action.problem?.code === 'weak_password' ? action.problem.message : undefined;
  const other = action.problem && !wrongCurrent && !weak ? action.problem.message : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (!current || !next || next !== again) return;
    const result = await action.run(() => changePassword(current, next));
    if (!result) return;
    setCurrent('');
    setNext('');
    setAgain('');
    setChecked(false);
    const others = result.sessionsEnded === 1 ? '1 other session was' : `${result.sessionsEnded} other sessions were`;
    notify(`Password changed. ${others} signed out.`);
    onChanged();
  };

  return (
    <section aria-labelledby="password-title">
      <Title3 as="h2" id="password-title">
        Password
      </Title3>
      <form className={styles.form} onSubmit={submit} noValidate aria-labelledby="password-title">
        <Field label="Current password" required validationMessage={wrongCurrent ?? (checked && !current ? 'Type your current password.' : undefined)}>
          <PasswordInput value={current} onChange={(_, d) => setCurrent(d.value)} autoComplete="current-password" />
        </Field>
        <Field label="New password" required hint="At least 8 characters. A passphrase of a few words works well." validationMessage={weak}>
          <PasswordInput value={next} onChange={(_, d) => setNext(d.value)} autoComplete="new-password" />
        </Field>
        <Field label="New password again" required validationMessage={mismatch}>
          <PasswordInput value={again} onChange={(_, d) => setAgain(d.value)} autoComplete="new-password" />
        </Field>
        {other && <ErrorNotice>{other}</ErrorNotice>}
        <div className={styles.actions}>
          <Button type="submit" appearance="primary" disabled={action.busy}>
            {action.busy ? 'Changing…' : 'Change password'}
          </Button>
        </div>
      </form>
    </section>
  );
}
