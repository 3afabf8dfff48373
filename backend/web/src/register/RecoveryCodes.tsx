/**
 * Shown once, right after 2-step verification is turned on: the recovery codes, with copy and download, and a
 * button to go on to the portal once they are saved.
 */
import { Button, makeStyles, MessageBar, MessageBarBody, Text, Title2, tokens } from '@fluentui/react-components';
import { ArrowDownload20Regular, Copy20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import { copyText, downloadText } from '../shared/clipboard';
import type { Invitation } from './registrationApi';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  lead: { color: tokens.colorNeutralForeground2 },
  codes: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))',
    gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    margin: 0,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalL} ${tokens.spacingVerticalL} ${tokens.spacingHorizontalXXXL}`,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusLarge,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase400,
  },
  actions: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', flexWrap: 'wrap' },
});

interface Props {
  invitation: Pick<Invitation, 'email'>;
  codes: string[];
  onDone: () => void;
}

export function RecoveryCodes({ invitation, codes, onDone }: Props) {
  const styles = useStyles();
  const [status, setStatus] = useState('');
  const text = [
    `Sealpost recovery codes for ${invitation.email}`,
    'Each code works once, in place of a code from your authenticator app. Keep them somewhere safe.',
    '',
    ...codes,
    '',
  ].join('\n');

  return (
    <div className={styles.stack}>
      <Title2 as="h1">Save your recovery codes</Title2>
      <Text as="p" className={styles.lead}>
        If you lose your phone, each of these codes lets you sign in once instead of a code from the app. This is the only time
        they are shown.
      </Text>
      <ol className={styles.codes} aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ol>
      <div className={styles.actions}>
        <Button
          icon={<Copy20Regular />}
          onClick={async () => setStatus((await copyText(text)) ? 'Copied the codes.' : 'Copy did not work; download the codes instead.')}
        >
          Copy codes
        </Button>
        <Button
          icon={<ArrowDownload20Regular />}
          onClick={() => {
            downloadText('sealpost-recovery-codes.txt', text);
            setStatus('Downloaded sealpost-recovery-codes.txt.');
          }}
        >
          Download
        </Button>
        <Text role="status" size={200}>
          {status}
        </Text>
      </div>
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>Store them in a password manager or print them. Anyone with a code and your password can sign in.</MessageBarBody>
      </MessageBar>
      <Button appearance="primary" size="large" onClick={onDone}>
        I saved them, continue
      </Button>
    </div>
  );
}
