/**
 * The dialogs behind member actions, for one member or a selection: removal (immediate and final, said plainly),
 * type changes (with the seat count when making pros), and corrections to an invited person's email or phone.
 */
import { Field, Input, Link, MessageBar, MessageBarBody, Spinner, Text } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { api } from '../api';
import { plural } from '../format';
import type { Member } from '@contract/members';
import type { Seats } from '@contract/organization';
import { ActionDialog } from './ActionDialog';
import { HandOverField } from './HandOverField';

const who = (members: Member[]) => (members.length === 1 ? members[0]!.name : plural(members.length, 'member'));

/**
 * Removal says plainly that it is final; when pros are among those removed, it asks who takes over their
 * conversations (HandOverField) and passes that pro to `onConfirm`.
 */
export function RemoveDialog({ members, myAccountId, onConfirm, onClose }: { members: Member[]; myAccountId: string; onConfirm: (handOverTo: string | undefined) => Promise<void>; onClose: () => void }) {
  const [handOverTo, setHandOverTo] = useState<string | null>(null);
  const pros = members.filter((m) => m.type === 'pro');
  return (
    <ActionDialog
      title={`Remove ${who(members)}?`}
      confirmLabel={members.length === 1 ? 'Remove' : `Remove ${members.length}`}
      danger
      onConfirm={() => onConfirm(pros.length > 0 ? (handOverTo ?? undefined) : undefined)}
      onClose={onClose}
    >
      <Text as="p">
        <strong>Removal is immediate and cannot be undone.</strong> {members.length === 1 ? 'They are' : 'Each is'} signed out at once, pending
        invitations are withdrawn, and the next sign-in says access was revoked. They can be invited again later as a new member, without
        their old messages.
      </Text>
      {members.length > 1 && (
        <Text as="p">{members.slice(0, 8).map((m) => m.name).join(', ')}{members.length > 8 ? ` and ${members.length - 8} more` : ''}.</Text>
      )}
      {pros.length > 0 && <HandOverField leaving={members} myAccountId={myAccountId} value={handOverTo} onChange={setHandOverTo} />}
    </ActionDialog>
  );
}

/** Making pros needs free seats; the dialog shows how many there are before asking. */
export function ChangeTypeDialog({ members, to, onConfirm, onClose }: { members: Member[]; to: 'pro' | 'guest'; onConfirm: () => Promise<void>; onClose: () => void }) {
  const [seats, setSeats] = useState<Seats | null>(null);
  useEffect(() => {
    if (to === 'pro') api.get<Seats>('/api/v1/seats').then(setSeats, () => setSeats(null));
  }, [to]);
  const needed = members.filter((m) => m.type !== to).length;
  return (
    <ActionDialog title={to === 'pro' ? `Make ${who(members)} a pro?` : `Make ${who(members)} a guest?`} confirmLabel={to === 'pro' ? 'Make pro' : 'Make guest'} onConfirm={onConfirm} onClose={onClose}>
      {to === 'pro' ? (
        <>
          <Text as="p">Pros can invite people and write to anyone. Each pro uses one paid seat.</Text>
          {!seats ? (
            <Spinner size="tiny" label="Counting free seats…" />
          ) : seats.free >= needed ? (
            <Text as="p">{plural(seats.free, 'seat')} of {seats.purchased} {seats.free === 1 ? 'is' : 'are'} free; this uses {needed}.</Text>
          ) : (
            <MessageBar intent="warning" layout="multiline">
              <MessageBarBody>
                {seats.free === 0 ? 'No seat is free' : `Only ${plural(seats.free, 'seat')} ${seats.free === 1 ? 'is' : 'are'} free`} for {plural(needed, 'new pro')}.{' '}
                <Link href="#seats">Buy more seats</Link> first, or make someone a guest.
              </MessageBarBody>
            </MessageBar>
          )}
        </>
      ) : (
        <Text as="p">Guests are free. They read and reply, and write only to your pros. Their seat becomes free for someone else. Admins and user managers must give up their roles first.</Text>
      )}
    </ActionDialog>
  );
}

const PHONE = /^\+?[0-9 ().-]{5,32}$/;

export function EditInvitedDialog({ member, onClose, onSaved }: { member: Member; onClose: () => void; onSaved: (emailChanged: boolean) => void }) {
  const [email, setEmail] = useState(member.email);
  const [phone, setPhone] = useState(member.phone ?? '');
  const [checked, setChecked] = useState(false);
  const emailBad = checked && !/^[^\s@]+@[^\s@]+$/.test(email.trim());
  const phoneBad = checked && phone.trim() !== '' && !PHONE.test(phone.trim());
  return (
    <ActionDialog
      title={`Correct ${member.name}'s invitation`}
      confirmLabel="Save"
      validate={() => {
        setChecked(true);
        return /^[^\s@]+@[^\s@]+$/.test(email.trim()) && (phone.trim() === '' || PHONE.test(phone.trim()));
      }}
      onConfirm={async () => {
        const emailChanged = email.trim().toLowerCase() !== member.email;
        const body: Record<string, string | null> = {};
        if (emailChanged) body.email = email.trim();
        if (phone.trim() !== (member.phone ?? '')) body.phone = phone.trim() || null;
        if (Object.keys(body).length > 0) await api.patch(`/api/v1/invitations/${member.invitationId}`, body);
        onSaved(emailChanged);
      }}
      onClose={onClose}
    >
      <Text as="p">A new email address gets a new invitation link; the link sent to the old address stops working.</Text>
      <Field label="Email" required validationMessage={emailBad ? 'Enter a valid email address.' : undefined}>
        <Input type="email" value={email} maxLength={320} onChange={(_e, d) => setEmail(d.value)} />
      </Field>
      <Field label="Mobile phone" hint="Optional" validationMessage={phoneBad ? 'Enter a phone number: digits, spaces and + ( ) . - only.' : undefined}>
        <Input type="tel" value={phone} maxLength={32} onChange={(_e, d) => setPhone(d.value)} />
      </Field>
    </ActionDialog>
  );
}
