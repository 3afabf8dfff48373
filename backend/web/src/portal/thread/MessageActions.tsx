/**
 * What can be done to one message, each behind a dialog: forward it to colleagues (pros), recall it (its pro
 * sender), set or clear when it expires (its sender), and delete it from one's own view (anyone; the other side
 * keeps theirs).
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
  Input,
  makeStyles,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { ArrowForward20Regular, ArrowUndo20Regular, CalendarClock20Regular, Delete20Regular } from '@fluentui/react-icons';
import { useId, useState, type FormEvent } from 'react';
import { ErrorNotice } from '../../shared/Notices';
import { useAction } from '../../shared/useAction';
import { deleteMessage, recallMessage, setMessageExpiry } from '../api/portalApi';
import { fullWhen } from '../format';
import { ForwardDialog } from './ForwardDialog';

const useStyles = makeStyles({
  bar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  danger: {
    backgroundColor: tokens.colorPaletteRedBackground3,
    ':hover': { backgroundColor: tokens.colorPaletteRedForeground1 },
    ':hover:active': { backgroundColor: tokens.colorPaletteRedForeground1 },
  },
});

type Open = null | 'forward' | 'recall' | 'expiry' | 'delete';

export type MessageChange = 'recalled' | 'expiry' | 'deleted' | 'forwarded';

interface Props {
  messageId: string;
  subject: string;
  canForward: boolean;
  fileCount: number;
  canRecall: boolean;
  canSetExpiry: boolean;
  expiresAt: string | null;
  onChanged: (what: MessageChange) => void;
}

/** The value a datetime-local input wants, in the reader's time zone. */
function localInputValue(iso: string | null): string {
  const date = iso ? new Date(iso) : new Date(Date.now() + 7 * 24 * 3600 * 1000);
  const shifted = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return shifted.toISOString().slice(0, 16);
}

export function MessageActions({ messageId, subject, canForward, fileCount, canRecall, canSetExpiry, expiresAt, onChanged }: Props) {
  const styles = useStyles();
  const [open, setOpen] = useState<Open>(null);
  const [reason, setReason] = useState('');
  const [expiry, setExpiry] = useState(localInputValue(expiresAt));
  const [expiryInvalid, setExpiryInvalid] = useState(false);
  const { busy, problem, setProblem, run } = useAction();
  const ids = { recall: useId(), expiry: useId(), remove: useId() };

  const show = (which: Open) => {
    setProblem(null);
    setReason('');
    setExpiry(localInputValue(expiresAt));
    setExpiryInvalid(false);
    setOpen(which);
  };
  const finish = (what: MessageChange) => {
    setOpen(null);
    onChanged(what);
  };

  /** Runs one request; true when it succeeded (a failure is in `problem`, shown in the dialog). */
  const succeeded = async (action: () => Promise<void>) => (await run(async () => (await action(), true))) === true;

  const confirmRecall = async (event: FormEvent) => {
    event.preventDefault();
    if (await succeeded(() => recallMessage(messageId, reason.trim() || undefined))) finish('recalled');
  };
  const saveExpiry = async (event: FormEvent, clear = false) => {
    event.preventDefault();
    const when = clear ? null : new Date(expiry);
    if (when && (Number.isNaN(when.getTime()) || when.getTime() <= Date.now())) return setExpiryInvalid(true);
    if (await succeeded(() => setMessageExpiry(messageId, when ? when.toISOString() : null))) finish('expiry');
  };
  const remove = async () => {
    if (await succeeded(() => deleteMessage(messageId))) finish('deleted');
  };

  return (
    <>
      <div role="group" aria-label="Message actions" className={styles.bar}>
        {canForward && (
          <Button appearance="subtle" size="small" icon={<ArrowForward20Regular />} onClick={() => show('forward')}>
            Forward
          </Button>
        )}
        {canSetExpiry && (
          <Button appearance="subtle" size="small" icon={<CalendarClock20Regular />} onClick={() => show('expiry')}>
            {expiresAt ? 'Change expiry' : 'Set expiry'}
          </Button>
        )}
        {canRecall && (
          <Button appearance="subtle" size="small" icon={<ArrowUndo20Regular />} onClick={() => show('recall')}>
            Recall
          </Button>
        )}
        <Button appearance="subtle" size="small" icon={<Delete20Regular />} onClick={() => show('delete')}>
          Delete
        </Button>
      </div>

      {open === 'forward' && (
        <ForwardDialog messageId={messageId} subject={subject} fileCount={fileCount} onClose={() => setOpen(null)} onForwarded={() => finish('forwarded')} />
      )}

      {open === 'recall' && (<Dialog open onOpenChange={(_, d) => !d.open && setOpen(null)}>
        <DialogSurface aria-describedby={ids.recall}>
          <form onSubmit={confirmRecall}>
            <DialogBody>
              <DialogTitle>Recall this message?</DialogTitle>
              <DialogContent className={styles.content}>
                <p id={ids.recall}>
                  From now on no recipient can open “{subject}” or its files. They will see that you recalled it, when, and the reason you give.
                  This cannot be undone.
                </p>
                <Field label="Reason (optional)" hint="Shown to the recipients.">
                  <Textarea value={reason} onChange={(_, d) => setReason(d.value)} maxLength={500} resize="vertical" />
                </Field>
                {problem && <ErrorNotice>{problem.message}</ErrorNotice>}
              </DialogContent>
              <DialogActions>
                <Button type="submit" appearance="primary" className={styles.danger} disabled={busy}>
                  {busy ? 'Recalling…' : 'Recall message'}
                </Button>
                <Button onClick={() => setOpen(null)}>Cancel</Button>
              </DialogActions>
            </DialogBody>
          </form>
        </DialogSurface>
      </Dialog>)}

      {open === 'expiry' && (<Dialog open onOpenChange={(_, d) => !d.open && setOpen(null)}>
        <DialogSurface aria-describedby={ids.expiry}>
          <form onSubmit={(e) => void saveExpiry(e)}>
            <DialogBody>
              <DialogTitle>When should this message expire?</DialogTitle>
              <DialogContent className={styles.content}>
                <p id={ids.expiry}>
                  After this moment recipients can no longer open the message or its files. {expiresAt ? `Now: ${fullWhen(expiresAt)}.` : 'It does not expire now.'}
                </p>
                <Field label="Expires on" required validationMessage={expiryInvalid ? 'Choose a moment in the future.' : undefined}>
                  <Input type="datetime-local" value={expiry} onChange={(_, d) => setExpiry(d.value)} />
                </Field>
                {problem && <ErrorNotice>{problem.message}</ErrorNotice>}
              </DialogContent>
              <DialogActions>
                <Button type="submit" appearance="primary" disabled={busy}>
                  Save expiry
                </Button>
                {expiresAt && (
                  <Button onClick={(e) => void saveExpiry(e, true)} disabled={busy}>
                    Never expire
                  </Button>
                )}
                <Button onClick={() => setOpen(null)}>Cancel</Button>
              </DialogActions>
            </DialogBody>
          </form>
        </DialogSurface>
      </Dialog>)}

      {open === 'delete' && (<Dialog open onOpenChange={(_, d) => !d.open && setOpen(null)}>
        <DialogSurface aria-describedby={ids.remove}>
          <DialogBody>
            <DialogTitle>Delete from your view?</DialogTitle>
            <DialogContent className={styles.content}>
              <p id={ids.remove}>“{subject}” disappears from your portal. The other people in the conversation keep their copy.</p>
              {problem && <ErrorNotice>{problem.message}</ErrorNotice>}
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" className={styles.danger} onClick={() => void remove()} disabled={busy}>
                Delete
              </Button>
              <Button onClick={() => setOpen(null)}>Cancel</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>)}
    </>
  );
}
