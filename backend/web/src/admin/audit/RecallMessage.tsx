/**
 * An admin recalls a message of the organization from its "sent" event in the audit log: whoever sent it, its
 * recipients can no longer open it and see the admin's name and reason. The server decides (recallAnyMessage).
 */
import { Button, Field, Textarea, useRestoreFocusTarget } from '@fluentui/react-components';
import { useState } from 'react';
import { api } from '../api';
import { ActionDialog } from '../members/ActionDialog';
import { useNotify } from '../ui';

export function RecallMessage({ messageId, sender }: { messageId: string; sender: string }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [recalled, setRecalled] = useState(false);
  const notify = useNotify();
  // the dialog is opened by state, not a DialogTrigger: mark the button as where focus returns when it closes
  const restoreFocus = useRestoreFocusTarget();
  // The button stays in place, because the closing dialog gives focus back to it (with it gone, the page would stay
  // hidden from assistive technology); the recall's own event is listed the next time the log loads.
  return (
    <>
      <Button size="small" {...restoreFocus} disabledFocusable={recalled} onClick={() => setOpen(true)}>{recalled ? 'Recalled' : 'Recall'}</Button>
      {open && (
        <ActionDialog
          title="Recall this message?"
          confirmLabel="Recall message"
          danger
          onClose={() => setOpen(false)}
          onConfirm={async () => {
            await api.post(`/api/v1/messages/${messageId}/recall`, reason.trim() ? { reason: reason.trim() } : {});
            notify('Message recalled. Its recipients can no longer open it.');
            setRecalled(true);
          }}
        >
          <p>
            The message {sender} sent will close for every recipient at once, with its files and any forward of it. They
            will see that you recalled it, and your reason. This cannot be undone.
          </p>
          <Field label="Reason (shown to the recipients)">
            <Textarea value={reason} maxLength={500} onChange={(_e, d) => setReason(d.value)} />
          </Field>
        </ActionDialog>
      )}
    </>
  );
}
