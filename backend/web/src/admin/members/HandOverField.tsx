/**
 * "Hand conversations to": when pros are removed, the pro who takes over their conversations (replies in their
 * threads reach this person from then on). Offers the organization's active pros other than those being removed,
 * and starts on the person removing, as the server does when nobody is named.
 */
import { Dropdown, Field, Option, Spinner, Text } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { Member, MemberPage } from '@contract/members';
import { api } from '../api';

interface Props {
  leaving: Member[];
  myAccountId: string;
  value: string | null;
  onChange: (accountId: string) => void;
}

export function HandOverField({ leaving, myAccountId, value, onChange }: Props) {
  const [pros, setPros] = useState<Member[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const gone = new Set(leaving.map((m) => m.accountId));
    api.get<MemberPage>('/api/v1/members?type=pro&limit=500').then(
      (page) => {
        const candidates = page.members.filter((m) => m.status === 'active' && !gone.has(m.accountId));
        setPros(candidates);
        // the person removing, when they can take over; else the first pro left
        const start = candidates.find((m) => m.accountId === myAccountId) ?? candidates[0];
        if (start) onChange(start.accountId);
      },
      () => setFailed(true),
    );
    // the list is read once per dialog
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  if (failed) return <Text as="p">The list of pros could not be loaded, so their conversations will pass to you.</Text>;
  if (!pros) return <Spinner size="tiny" label="Finding who can take over…" />;
  const chosen = pros.find((m) => m.accountId === value);
  const label = (m: Member) => (m.accountId === myAccountId ? `${m.name} (you)` : m.name);
  return (
    <Field
      label="Hand conversations to"
      hint="Replies from their clients in existing conversations will reach this pro, who is notified by email. Clients keep the same conversation."
    >
      <Dropdown
        value={chosen ? label(chosen) : ''}
        selectedOptions={value ? [value] : []}
        onOptionSelect={(_e, d) => d.optionValue && onChange(d.optionValue)}
        placeholder="Choose a pro"
      >
        {pros.map((m) => (
          <Option key={m.accountId} value={m.accountId} text={label(m)}>
            {`${label(m)} · ${m.email}`}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}
