/**
 * Before the first signature: the organization's words about signing electronically, an "I agree", and the signer
 * confirming who they are again with their password, a code from their authenticator app, or, where the
 * organization signs in through its provider, by signing in with it again (the provider sends them back here with
 * `?confirmed=sso`, and the server accepts a session the provider started in the last 10 minutes).
 */
import {
  Button, Checkbox, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, Input, Link, makeStyles, Text, tokens,
} from '@fluentui/react-components';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { ErrorNotice } from '../../shared/Notices';
import { PasswordInput } from '../../shared/PasswordInput';
import { useAction } from '../../shared/useAction';
import { consentToSign, discoverSingleSignOn, type SignatureRequest } from './signaturesApi';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  intro: { margin: 0 },
  consent: {
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    margin: 0,
    padding: tokens.spacingHorizontalM,
    maxHeight: '40vh',
    overflowY: 'auto',
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
  },
});

type Method = 'password' | 'code' | 'sso';

/** The organization's provider for this address, when it signs in through one. */
function useSingleSignOn(email: string): { providerName: string; startUrl: string } | null {
  const [sso, setSso] = useState<{ providerName: string; startUrl: string } | null>(null);
  useEffect(() => {
    discoverSingleSignOn(email).then((answer) => setSso(answer.sso), () => setSso(null));
  }, [email]);
  return sso;
}

interface Props {
  request: SignatureRequest;
  organizationName: string;
  email: string;
  /** Back from signing in with the organization's provider to confirm who they are. */
  confirmedWithProvider: boolean;
  onClose: () => void;
  onConsented: (request: SignatureRequest) => void;
}

export function ConsentDialog({ request, organizationName, email, confirmedWithProvider, onClose, onConsented }: Props) {
  const styles = useStyles();
  const consentId = useId();
  const [agreed, setAgreed] = useState(false);
  const [method, setMethod] = useState<Method>(confirmedWithProvider ? 'sso' : 'password');
  const useCode = method === 'code';
  const sso = useSingleSignOn(email);
  // back here once the provider has seen them again; the dialog opens on this method
  const confirmAgain = () => {
    if (!sso) return;
    const back = `${window.location.pathname}?confirmed=sso`;
    window.location.assign(`${sso.startUrl}${sso.startUrl.includes('?') ? '&' : '?'}next=${encodeURIComponent(back)}`);
  };
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [checked, setChecked] = useState(false);
  const { busy, problem, run } = useAction();

  const proofMissing = method === 'sso' ? false : useCode ? !/^\d{6}$/.test(code) : password === '';
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (!agreed || proofMissing) return;
    const proof = method === 'sso' ? ({ singleSignOn: true } as const) : useCode ? { code } : { password };
    const answer = await run(() => consentToSign(request.id, proof));
    if (answer) onConsented(answer);
  };

  return (
    <Dialog open onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface aria-describedby={consentId}>
        <form onSubmit={(e) => void submit(e)} noValidate aria-label="Agree to sign electronically">
          <DialogBody>
            <DialogTitle>Before you sign</DialogTitle>
            <DialogContent className={styles.content}>
              <Text as="p" className={styles.intro}>
                {organizationName} asks you to sign “{request.documentName}” electronically. Please read this first:
              </Text>
              <p id={consentId} className={styles.consent}>
                {request.consentText}
              </p>
              <Field validationMessage={checked && !agreed ? 'Tick the box to agree, or close this window if you do not.' : undefined}>
                <Checkbox checked={agreed} onChange={(_, d) => setAgreed(d.checked === true)} label="I agree to sign electronically" />
              </Field>
              {method === 'sso' ? (
                <Text as="p" className={styles.intro}>
                  You confirmed who you are by signing in with {sso?.providerName ?? 'your organization'} just now. Tick the box and agree within 10 minutes.
                </Text>
              ) : useCode ? (
                <Field
                  label="Code from your authenticator app"
                  hint="To confirm it is you."
                  required
                  validationMessage={checked && proofMissing ? 'Enter the 6 digits your authenticator app shows.' : undefined}
                >
                  <Input value={code} onChange={(_, d) => setCode(d.value.replace(/\D/g, '').slice(0, 6))} inputMode="numeric" autoComplete="one-time-code" />
                </Field>
              ) : (
                <Field label="Your password" hint="To confirm it is you." required validationMessage={checked && proofMissing ? 'Enter your password.' : undefined}>
                  <PasswordInput value={password} onChange={(_, d) => setPassword(d.value)} autoComplete="current-password" maxLength={1024} />
                </Field>
              )}
              <Link as="button" type="button" onClick={() => (setMethod(method === 'password' ? 'code' : 'password'), setChecked(false))}>
                {method === 'password' ? 'Use a 2-step verification code instead' : method === 'code' ? 'Use your password instead' : 'Use your password or a 2-step code instead'}
              </Link>
              {sso && (
                <Link as="button" type="button" onClick={confirmAgain}>
                  {method === 'sso' ? `Sign in with ${sso.providerName} again` : `Confirm by signing in with ${sso.providerName} instead`}
                </Link>
              )}
              {problem && <ErrorNotice>{problem.message}</ErrorNotice>}
            </DialogContent>
            <DialogActions>
              <Button type="submit" appearance="primary" disabled={busy}>
                {busy ? 'Checking…' : 'Agree and continue'}
              </Button>
              <Button onClick={onClose} disabled={busy}>
                Cancel
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
