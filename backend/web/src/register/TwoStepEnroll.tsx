/**
 * 2-step set-up, during registration or sign-in (a challenge stands for the password) and from the portal's
 * account page (the session does): show the authenticator QR code (as an <img> of the SVG, so its markup never
 * enters the page) and the key to type by hand, then check a first code and turn 2-step verification on.
 */
import { Button, Link, makeStyles, Text, Title2, tokens } from '@fluentui/react-components';
import { Copy20Regular } from '@fluentui/react-icons';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { copyText } from '../shared/clipboard';
import { ErrorNotice, Loading } from '../shared/Notices';
import { useAction } from '../shared/useAction';
import { CodeField, codeDigits } from './CodeField';
import type { Enrollment, Invitation } from './registrationApi';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  setup: { display: 'flex', gap: tokens.spacingHorizontalXL, alignItems: 'flex-start', flexWrap: 'wrap' },
  qr: {
    width: '176px',
    height: '176px',
    padding: tokens.spacingHorizontalS,
    backgroundColor: '#ffffff',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
  },
  steps: { flex: '1 1 220px', margin: 0, paddingLeft: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  keyRow: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  key: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase300,
    backgroundColor: tokens.colorNeutralBackground3,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    wordBreak: 'break-all',
  },
  lead: { color: tokens.colorNeutralForeground2 },
});

/** Groups of four are easier to type: "JBSW Y3DP EHPK 3PXP". */
const grouped = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ');

function svgDataUrl(svg: string): string {
  const bytes = new TextEncoder().encode(svg);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}

interface Props {
  invitation: Pick<Invitation, 'organizationName'>;
  /** Asks the server for a new pending secret (with the challenge during sign-in, with the session when signed in). */
  enroll: () => Promise<Enrollment>;
  activate: (code: string) => Promise<{ recoveryCodes: string[] }>;
  onActivated: (recoveryCodes: string[]) => void;
  /** Why the person is asked; by default, because the organization requires it. */
  lead?: string;
}

export function TwoStepEnroll({ invitation, enroll, activate, onActivated, lead }: Props) {
  const styles = useStyles();
  const [enrollment, setEnrollment] = useState<Enrollment | null>(null);
  const [code, setCode] = useState('');
  const [checked, setChecked] = useState(false);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const loading = useAction();
  const activating = useAction();
  const started = useRef(false);

  const start = () =>
    loading.run(async () => setEnrollment(await enroll()));
  useEffect(() => {
    // Each enrol call makes a new secret; asking twice would make the first QR code wrong.
    if (started.current) return;
    started.current = true;
    void start();
  }, []);

  const digits = codeDigits(code);
  const codeProblem = activating.problem?.code === 'invalid_two_step_code' ? activating.problem.message : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (digits.length !== 6) return;
    const result = await activating.run(() => activate(digits));
    if (result) onActivated(result.recoveryCodes);
  };

  if (!enrollment) {
    if (loading.busy || !loading.problem) return <Loading label="Preparing 2-step verification…" />;
    return (
      <div className={styles.stack}>
        <Title2 as="h1">Set up 2-step verification</Title2>
        <ChallengeProblem message={loading.problem.message} expired={loading.problem.code === 'invalid_challenge'} />
        {loading.problem.code !== 'invalid_challenge' && (
          <Button appearance="primary" onClick={() => void start()}>
            Try again
          </Button>
        )}
      </div>
    );
  }

  return (
    <form className={styles.stack} onSubmit={submit} noValidate aria-labelledby="enroll-title">
      <Title2 as="h1" id="enroll-title">
        Set up 2-step verification
      </Title2>
      <Text as="p" className={styles.lead}>
        {lead ??
          `${invitation.organizationName} asks for a code from your phone each time you sign in, so a stolen password alone cannot open your messages.`}
      </Text>
      <div className={styles.setup}>
        <img className={styles.qr} src={svgDataUrl(enrollment.qrSvg)} alt="QR code to scan with your authenticator app" />
        <ol className={styles.steps}>
          <li>
            <Text>Open an authenticator app, such as Microsoft Authenticator or Google Authenticator.</Text>
          </li>
          <li>
            <Text>Add an account and scan this QR code.</Text>
          </li>
          <li>
            <Text>Type the 6-digit code the app shows below.</Text>
          </li>
        </ol>
      </div>
      <div>
        <Text as="p" weight="semibold" id="manual-key-label">
          Can’t scan? Type this key into the app instead:
        </Text>
        <div className={styles.keyRow}>
          <code className={styles.key} aria-labelledby="manual-key-label" data-testid="manual-key">
            {grouped(enrollment.secret)}
          </code>
          <Button
            icon={<Copy20Regular />}
            onClick={async () => setCopied((await copyText(enrollment.secret)) ? 'yes' : 'failed')}
          >
            Copy key
          </Button>
          <Text role="status" size={200}>
            {copied === 'yes' ? 'Copied.' : copied === 'failed' ? 'Copy did not work; select the key and copy it.' : ''}
          </Text>
        </div>
      </div>
      <CodeField
        label="6-digit code from the app"
        value={code}
        onChange={setCode}
        error={codeProblem ?? (checked && digits.length !== 6 ? 'Enter the 6 digits the app shows.' : undefined)}
      />
      {activating.problem && !codeProblem && (
        <ChallengeProblem message={activating.problem.message} expired={activating.problem.code === 'invalid_challenge'} />
      )}
      <Button type="submit" appearance="primary" size="large" disabled={activating.busy}>
        {activating.busy ? 'Checking…' : 'Turn on 2-step verification'}
      </Button>
    </form>
  );
}

/** The challenge lives a few minutes; once it is gone the account exists, so signing in is the way on. */
export function ChallengeProblem({ message, expired }: { message: string; expired: boolean }) {
  return (
    <ErrorNotice>
      {message}
      {expired && (
        <>
          {' '}
          <Link href="/login">Sign in</Link>
        </>
      )}
    </ErrorNotice>
  );
}
