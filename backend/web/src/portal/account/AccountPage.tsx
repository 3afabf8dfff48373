/**
 * The portal's account page (/portal/account): who the person is, their password, 2-step verification, and where they are signed in.
 * Changing the password ends the other sessions, so the list reloads after it.
 */
import { Divider, makeStyles, Text, Title2, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { useDocumentTitle, useMe } from '../session';
import { membershipLabel } from '../shell/membershipLabel';
import { PasswordSection } from './PasswordSection';
import { SessionsSection } from './SessionsSection';
import { TwoStepSection } from './TwoStepSection';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXL },
  who: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  detail: { color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
});

export function AccountPage() {
  const styles = useStyles();
  const me = useMe();
  const [sessionsVersion, setSessionsVersion] = useState(0);
  useDocumentTitle('Your account');
  return (
    <div className={styles.stack}>
      <div className={styles.who}>
        <Title2 as="h1">Your account</Title2>
        <Text weight="semibold">{me.account.name}</Text>
        <Text className={styles.detail}>{me.account.email}</Text>
        <Text className={styles.detail}>
          {membershipLabel(me.membership)} · {me.organization.name}
        </Text>
      </div>
      <Divider />
      <PasswordSection onChanged={() => setSessionsVersion((v) => v + 1)} />
      <Divider />
      <TwoStepSection />
      <Divider />
      <SessionsSection reloadKey={sessionsVersion} />
    </div>
  );
}
