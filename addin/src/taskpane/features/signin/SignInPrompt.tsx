/** Shown while signed out: what Sealpost does here, and the button that opens the sign-in dialog. */
import { Button, makeStyles, Text, Title3, tokens } from '@fluentui/react-components';
import { PersonKey20Regular } from '@fluentui/react-icons';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, alignItems: 'flex-start' },
  lead: { color: tokens.colorNeutralForeground2 },
});

export function SignInPrompt({ busy, onSignIn }: { busy: boolean; onSignIn(): void }) {
  const styles = useStyles();
  return (
    <section className={styles.root} aria-labelledby="signin-title">
      <Title3 as="h1" id="signin-title">
        Send this message securely
      </Title3>
      <Text as="p" className={styles.lead}>
        Sealpost stores the message and its attachments encrypted and sends recipients a link. New recipients are invited as
        guests. Sign in with your Sealpost account to start.
      </Text>
      <Button appearance="primary" icon={<PersonKey20Regular />} disabled={busy} onClick={onSignIn}>
        {busy ? 'Signing in…' : 'Sign in'}
      </Button>
    </section>
  );
}
