/** Declining to sign, with a reason the sender and the other signers see; it ends the request for everyone. */
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, Text, Textarea } from '@fluentui/react-components';
import { useId, useState, type FormEvent } from 'react';
import { ErrorNotice } from '../../shared/Notices';
import { useAction } from '../../shared/useAction';
import { declineRequest, type SignatureRequest } from './signaturesApi';

export function DeclineDialog({ request, onClose, onDeclined }: { request: SignatureRequest; onClose: () => void; onDeclined: (r: SignatureRequest) => void }) {
  const introId = useId();
  const [reason, setReason] = useState('');
  const [checked, setChecked] = useState(false);
  const { busy, problem, run } = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (!reason.trim()) return;
    const answer = await run(() => declineRequest(request.id, reason.trim()));
    if (answer) onDeclined(answer);
  };

  return (
    <Dialog open onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface aria-describedby={introId}>
        <form onSubmit={(e) => void submit(e)} noValidate aria-label="Decline to sign">
          <DialogBody>
            <DialogTitle>Decline to sign?</DialogTitle>
            <DialogContent>
              <Text as="p" id={introId}>
                Nobody will be able to sign “{request.documentName}” after you decline: the request ends for everyone. The sender sees your reason.
              </Text>
              <Field label="Reason" required validationMessage={checked && !reason.trim() ? 'Say why you decline, so the sender can act on it.' : undefined}>
                <Textarea value={reason} onChange={(_, d) => setReason(d.value)} maxLength={1000} rows={3} resize="vertical" />
              </Field>
              {problem && <ErrorNotice>{problem.message}</ErrorNotice>}
            </DialogContent>
            <DialogActions>
              <Button type="submit" appearance="primary" disabled={busy}>
                {busy ? 'Declining…' : 'Decline to sign'}
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
