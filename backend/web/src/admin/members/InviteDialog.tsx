/** Invite a person by name and email as a guest or a pro; the server sends the email with the registration link. */
import { Field, Input, Radio, RadioGroup, Text } from '@fluentui/react-components';
import { useState } from 'react';
import { api } from '../api';
import { ActionDialog } from './ActionDialog';

/** A first check on the page; the server has the last word (it normalizes and validates the address). */
const EMAIL = /^[^\s@]+@[^\s@]+$/;

export function InviteDialog({ expiryDays, canInvitePros, onClose, onInvited }: { expiryDays: number; canInvitePros: boolean; onClose: () => void; onInvited: (email: string) => void }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [type, setType] = useState<'guest' | 'pro'>('guest');
  const [checked, setChecked] = useState(false);
  const emailMissing = checked && !EMAIL.test(email.trim());
  return (
    <ActionDialog
      title="Invite someone"
      confirmLabel="Send invitation"
      onClose={onClose}
      validate={() => {
        setChecked(true);
        return EMAIL.test(email.trim());
      }}
      onConfirm={async () => {
        await api.post('/api/v1/invitations', { email: email.trim(), type, ...(name.trim() ? { name: name.trim() } : {}) });
        onInvited(email.trim());
      }}
    >
      <Text as="p">They get an email with a link to register. The link works once, for {expiryDays === 1 ? '1 day' : `${expiryDays} days`}.</Text>
      <Field label="Name">
        <Input value={name} maxLength={120} autoComplete="off" onChange={(_e, d) => setName(d.value)} />
      </Field>
      <Field label="Email" required validationMessage={emailMissing ? 'Enter a valid email address.' : undefined}>
        <Input type="email" value={email} maxLength={320} autoComplete="off" onChange={(_e, d) => setEmail(d.value)} />
      </Field>
      <Field label="Type">
        <RadioGroup value={type} onChange={(_e, d) => setType(d.value as 'guest' | 'pro')}>
          <Radio value="guest" label="Guest — free; reads and replies, writes only to your pros" />
          <Radio value="pro" disabled={!canInvitePros} label="Pro — uses a paid seat; can invite and send to anyone" />
        </RadioGroup>
      </Field>
    </ActionDialog>
  );
}
