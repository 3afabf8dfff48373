/**
 * A dialog that asks before an action and runs it: the confirm button shows progress, and a refusal from the
 * server appears inside the dialog as its sentence, so the person can correct and retry without losing context.
 */
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, makeStyles, Spinner, tokens } from '@fluentui/react-components';
import type { FormEvent, ReactNode } from 'react';
import { useAction } from '../../shared/useAction';
import { ProblemBar } from '../ui';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, '& p': { margin: 0 } },
  danger: {
    backgroundColor: tokens.colorStatusDangerBackground3,
    ':hover': { backgroundColor: tokens.colorStatusDangerForeground2 },
    ':hover:active': { backgroundColor: tokens.colorStatusDangerForeground2 },
  },
});

interface Props {
  title: string;
  confirmLabel: string;
  danger?: boolean;
  /** Resolves when done; the dialog then closes. Throwing ApiProblem keeps it open with the sentence shown. */
  onConfirm: () => Promise<void>;
  /** Checks the form first; false keeps the dialog open without asking the server (fields show why). */
  validate?: () => boolean;
  onClose: () => void;
  /** False closes it in place (Fluent's own closing, which hands the page back to assistive technology); default open. */
  open?: boolean;
  children: ReactNode;
}

export function ActionDialog({ title, confirmLabel, danger = false, onConfirm, validate, onClose, open = true, children }: Props) {
  const styles = useStyles();
  const { busy, problem, run } = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (validate && !validate()) return;
    let done = false;
    await run(async () => {
      await onConfirm();
      done = true;
    });
    if (done) onClose();
  };
  return (
    <Dialog open={open} modalType={danger ? 'alert' : 'modal'} onOpenChange={(_e, d) => !d.open && !busy && onClose()}>
      <DialogSurface>
        <form onSubmit={submit} noValidate>
          <DialogBody>
            <DialogTitle>{title}</DialogTitle>
            <DialogContent className={styles.content}>
              {children}
              <ProblemBar problem={problem} />
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={onClose} disabled={busy}>Cancel</Button>
              <Button
                type="submit"
                appearance="primary"
                disabled={busy}
                icon={busy ? <Spinner size="tiny" /> : undefined}
                className={danger ? styles.danger : undefined}
              >
                {confirmLabel}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
