/**
 * Creating an API token, in place above the list: a name and what it may call, then the token itself, shown this
 * once with a Copy button (Sealpost keeps only its hash). Done forgets it. (In the page rather than in a dialog:
 * Fluent's modal layer, closed after the page behind it had changed, sometimes left that page hidden from screen
 * readers.)
 */
import {
  Button,
  Checkbox,
  Field,
  Input,
  makeStyles,
  Select,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Subtitle2,
  Text,
  tokens,
} from '@fluentui/react-components';
import { Copy16Regular } from '@fluentui/react-icons';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { copyText } from '../../shared/clipboard';
import { useAction } from '../../shared/useAction';
import { api } from '../api';
import type { ApiTokenScope, ApiTokenView } from '@contract/apiTokens';
import type { Member } from '@contract/members';
import { CheckGroup, ProblemBar } from '../ui';

/** Every scope the contract has, in words (a scope added there fails the compile here until it is described). */
export const SCOPE_LABELS: Record<ApiTokenScope, { label: string; description: string }> = {
  scim: { label: 'SCIM provisioning', description: 'Create, update and remove members from your directory (/scim/v2).' },
  'members:read': { label: 'Read members', description: 'List your members, their type, roles and status (GET /api/v1/members).' },
  'messages:send': { label: 'Send messages', description: 'Send secure messages as the staff member you choose, with their rules (POST /api/v1/messages).' },
};

/** How long a new token works; it can be revoked before. */
const LIFETIMES: { days: number | null; label: string }[] = [
  { days: 30, label: '30 days' },
  { days: 90, label: '90 days' },
  { days: 365, label: '1 year' },
  { days: null, label: 'Until revoked' },
];

/** The active pros a sending token may send as (the first 500 by name). */
function useActivePros(wanted: boolean): Member[] | null {
  const [pros, setPros] = useState<Member[] | null>(null);
  useEffect(() => {
    if (!wanted || pros) return;
    api.get<{ members: Member[] }>('/api/v1/members?type=pro&limit=500').then(
      (page) => setPros(page.members.filter((m) => m.status === 'active')),
      () => setPros([]),
    );
  }, [wanted, pros]);
  return pros;
}

const useStyles = makeStyles({
  panel: {
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingVerticalL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    maxWidth: '720px',
    '& p, & h3': { margin: 0 },
  },
  secret: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  secretInput: { flexGrow: 1, minWidth: '12em', '& input': { fontFamily: tokens.fontFamilyMonospace } },
  actions: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
});

type Created = ApiTokenView & { token: string };

export function CreateTokenPanel({ onClose }: { onClose: (created: boolean) => void }) {
  const styles = useStyles();
  const { busy, problem, run } = useAction();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiTokenScope[]>([]);
  const [actingFor, setActingFor] = useState('');
  const [lifetime, setLifetime] = useState('90');
  const sends = scopes.includes('messages:send');
  const pros = useActivePros(sends);
  const [checked, setChecked] = useState(false);
  const [created, setCreated] = useState<Created | null>(null);
  const [copyNote, setCopyNote] = useState('');
  const nameInput = useRef<HTMLInputElement>(null);
  const tokenInput = useRef<HTMLInputElement>(null);
  useEffect(() => (created ? tokenInput : nameInput).current?.focus(), [created]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (!name.trim() || scopes.length === 0 || (sends && !actingFor)) return;
    const body = {
      name: name.trim(),
      scopes,
      ...(sends ? { actingFor } : {}),
      ...(lifetime ? { expiresInDays: Number(lifetime) } : {}),
    };
    const answer = await run(() => api.post<Created>('/api/v1/organization/api-tokens', body));
    if (answer) setCreated(answer);
  };
  const copy = async () => setCopyNote((await copyText(created!.token)) ? 'Copied to the clipboard.' : 'Copying is blocked here; select the token and copy it.');

  if (created) {
    return (
      <section className={styles.panel} aria-labelledby="new-token-title">
        <Subtitle2 as="h3" id="new-token-title">Copy your new token</Subtitle2>
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>You will not see it again.</MessageBarTitle>
            Sealpost keeps only a fingerprint of it. Copy it now into the system that will use it; if it is lost, revoke it and create another.
          </MessageBarBody>
        </MessageBar>
        <Field label={`Token for ${created.name}`}>
          <div className={styles.secret}>
            <Input ref={tokenInput} className={styles.secretInput} readOnly value={created.token} aria-describedby="token-use" onFocus={(e) => e.currentTarget.select()} />
            <Button icon={<Copy16Regular />} onClick={() => void copy()}>Copy</Button>
          </div>
        </Field>
        <Text as="p" role="status">{copyNote}</Text>
        <Text as="p" id="token-use" size={200}>Send it as the header <code>Authorization: Bearer …</code>.</Text>
        <div className={styles.actions}>
          <Button appearance="primary" onClick={() => onClose(true)}>Done</Button>
        </div>
      </section>
    );
  }
  return (
    <form className={styles.panel} onSubmit={submit} noValidate aria-labelledby="create-token-title">
      <Subtitle2 as="h3" id="create-token-title">Create an API token</Subtitle2>
      <Field label="Name" hint="Which system uses it, e.g. Entra provisioning." required validationMessage={checked && !name.trim() ? 'Give the token a name.' : undefined}>
        <Input ref={nameInput} value={name} maxLength={100} autoComplete="off" onChange={(_e, d) => setName(d.value)} />
      </Field>
      <CheckGroup label="It may call" required error={checked && scopes.length === 0 ? 'Choose at least one.' : undefined}>
        {(Object.keys(SCOPE_LABELS) as ApiTokenScope[]).map((scope) => (
          <Checkbox
            key={scope}
            label={`${SCOPE_LABELS[scope].label} — ${SCOPE_LABELS[scope].description}`}
            checked={scopes.includes(scope)}
            onChange={(_e, d) => setScopes((all) => (d.checked ? [...all, scope] : all.filter((s) => s !== scope)))}
          />
        ))}
      </CheckGroup>
      {sends && (
        <Field label="Sends as" hint="Messages go out in this staff member's name, with their rules and limits." required
          validationMessage={checked && !actingFor ? 'Choose who the messages are from.' : undefined}>
          <Select value={actingFor} onChange={(_e, d) => setActingFor(d.value)} disabled={pros === null}>
            <option value="">{pros === null ? 'Loading staff…' : 'Choose a staff member'}</option>
            {(pros ?? []).map((m) => <option key={m.accountId} value={m.accountId}>{m.name} ({m.email})</option>)}
          </Select>
        </Field>
      )}
      <Field label="Works for">
        <Select value={lifetime} onChange={(_e, d) => setLifetime(d.value)}>
          {LIFETIMES.map((l) => <option key={l.label} value={l.days ?? ''}>{l.label}</option>)}
        </Select>
      </Field>
      <ProblemBar problem={problem} />
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={busy} icon={busy ? <Spinner size="tiny" /> : undefined}>Create token</Button>
        <Button onClick={() => onClose(false)} disabled={busy}>Cancel</Button>
      </div>
    </form>
  );
}
