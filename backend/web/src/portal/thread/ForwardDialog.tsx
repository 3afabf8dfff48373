/**
 * Forward a message to colleagues: staff of the organization only (each address gets a badge as it is added), an
 * optional note above the forwarded text, and the message's files, which go along as they are. Says up front that
 * a recall of the original closes the forward too.
 */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  makeStyles,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useId, useState, type FormEvent } from 'react';
import { ErrorNotice } from '../../shared/Notices';
import { useAction } from '../../shared/useAction';
import { forwardMessage, type Classified, type Forwarded } from '../api/portalApi';
import { RecipientField } from '../compose/RecipientField';
import { CHECKING, type RecipientStatus } from '../compose/recipientStatus';
import { useClassification } from '../compose/useClassification';
import { useMe } from '../session';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  intro: { margin: 0 },
});

/** What an address means for a forward: only the organization's active staff can receive one. */
export function forwardStatus(entry: Classified | undefined, organizationName: string): RecipientStatus {
  if (!entry) return CHECKING;
  const email = entry.email ?? entry.input;
  switch (entry.outcome) {
    case 'member_pro':
      return { label: 'Member · staff', color: 'success', invites: null, problem: null };
    case 'self':
      return { label: 'You', color: 'danger', invites: null, problem: `You are the one forwarding: remove ${email}.` };
    case 'invalid':
      return { label: 'Invalid address', color: 'danger', invites: null, problem: `“${entry.input}” is not a usable email address: correct or remove it.` };
    default:
      return { label: 'Not staff', color: 'danger', invites: null, problem: `Only staff of ${organizationName} can receive a forward: remove ${email}.` };
  }
}

function newKey(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16)).join('');
}

interface Props {
  messageId: string;
  subject: string;
  fileCount: number;
  onClose: () => void;
  onForwarded: (forwarded: Forwarded, to: string[]) => void;
}

export function ForwardDialog({ messageId, subject, fileCount, onClose, onForwarded }: Props) {
  const styles = useStyles();
  const me = useMe();
  const introId = useId();
  const [to, setTo] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [checked, setChecked] = useState(false);
  const [idempotencyKey] = useState(newKey);
  const { busy, problem, run } = useAction();
  const { classified, problem: classifyProblem } = useClassification(to);
  const status = (address: string) => forwardStatus(classified.get(address), me.organization.name);

  const fieldError = (checked && to.length === 0 ? 'Add at least one colleague.' : undefined) ?? to.map((a) => status(a).problem).find(Boolean) ?? undefined;
  const stillChecking = to.some((address) => !classified.has(address));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (to.length === 0 || to.some((a) => status(a).problem) || stillChecking) return;
    const forwarded = await run(() => forwardMessage(messageId, { to: to.map((email) => ({ email })), ...(note.trim() ? { note } : {}) }, idempotencyKey));
    if (forwarded) onForwarded(forwarded, to);
  };

  const files = fileCount === 0 ? '' : fileCount === 1 ? ' and its file' : ` and its ${fileCount} files`;
  return (
    <Dialog open onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface aria-describedby={introId}>
        <form onSubmit={(e) => void submit(e)} noValidate aria-label="Forward">
          <DialogBody>
            <DialogTitle>Forward to a colleague</DialogTitle>
            <DialogContent className={styles.content}>
              <p id={introId} className={styles.intro}>
                “{subject}”{files} go to the staff of {me.organization.name} you name. If the original is recalled or expires, the forward closes with it.
              </p>
              <RecipientField label="To" recipients={to} onChange={setTo} classified={classified} error={fieldError} autoFocus statusFor={status} />
              {classifyProblem && <ErrorNotice title="We could not check the recipients">{classifyProblem}</ErrorNotice>}
              <Field label="Note (optional)" hint="Written above the forwarded message.">
                <Textarea value={note} onChange={(_, d) => setNote(d.value)} maxLength={10_000} resize="vertical" rows={4} />
              </Field>
              {checked && stillChecking && !classifyProblem && <ErrorNotice>Still checking the recipients. Forward again in a moment.</ErrorNotice>}
              {problem && <ErrorNotice title="The message was not forwarded">{problem.message}</ErrorNotice>}
            </DialogContent>
            <DialogActions>
              <Button type="submit" appearance="primary" disabled={busy}>
                {busy ? 'Forwarding…' : 'Forward'}
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
