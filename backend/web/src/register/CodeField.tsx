/** The 6-digit code from an authenticator app: numeric keyboard on phones, spaces ignored, one-time-code autofill. */
import { Field, Input, makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  input: { maxWidth: '200px' },
  digits: { fontFamily: tokens.fontFamilyMonospace, letterSpacing: '0.2em', fontSize: tokens.fontSizeBase400 },
});

/** The digits of what was typed: people paste "123 456" or "123-456". */
export const codeDigits = (value: string) => value.replace(/\D/g, '');

interface Props {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: string;
}

export function CodeField({ label, value, onChange, error, hint }: Props) {
  const styles = useStyles();
  return (
    <Field label={label} required validationMessage={error} hint={hint}>
      <Input
        className={styles.input}
        input={{ className: styles.digits }}
        value={value}
        onChange={(_, d) => onChange(d.value)}
        inputMode="numeric"
        autoComplete="one-time-code"
        name="code"
        maxLength={9}
      />
    </Field>
  );
}
