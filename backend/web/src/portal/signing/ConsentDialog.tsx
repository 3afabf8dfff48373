/**
 * Before the first signature: the organization's words about signing electronically, an "I agree", and the signer
 * confirming who they are again with their password or a code from their authenticator app.
 */
import {
  Button, Checkbox, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, Input, Link, makeStyles, Text, tokens,
} from '@fluentui/react-components';
import { useId, useState, type FormEvent } from 'react';
import { ErrorNotice } from '../../shared/Notices';
import { PasswordInput } from '../../shared/PasswordInput';
import { useAction } from '../../shared/useAction';
import { consentToSign, type SignatureRequest } from './signaturesApi';

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

interface Props {
  request: SignatureRequest;
  organizationName: string;
  onClose: () => void;
  onConsented: (request: SignatureRequest) => void;
}

export function ConsentDialog({ request, organizationName, onClose, onConsented }: Props) {
  const styles = useStyles();
  const consentId = useId();
  const [agreed, setAgreed] = useState(false);
  const [useCode, setUseCode] = useState(false);
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [checked, setChecked] = useState(false);
  const { busy, problem, run } = useAction();

  const proofMissing = useCode ? !/^\d{6}$/.test(code) : password === '';
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (!agreed || proofMissing) return;
    const answer = await run(() => consentToSign(request.id, useCode ? { code } : { password }));
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
              {useCode ? (
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
              <Link as="button" type="button" onClick={() => (setUseCode((v) => !v), setChecked(false))}>
                {useCode ? 'Use your password instead' : 'Use a 2-step verification code instead'}
              </Link>
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
