/**
 * Creating an API token: a name and what it may call, then the token itself, shown this once with a Copy button
 * (Sealpost keeps only its hash). Closing the dialog forgets it.
 */
import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { Copy16Regular } from '@fluentui/react-icons';
import { useState, type FormEvent } from 'react';
import { copyText } from '../../shared/clipboard';
import { useAction } from '../../shared/useAction';
import { api } from '../api';
import type { ApiTokenScope, ApiTokenView } from '@contract/apiTokens';
import { ProblemBar, useNotify } from '../ui';

/** Every scope the contract has, in words (a scope added there fails the compile here until it is described). */
export const SCOPE_LABELS: Record<ApiTokenScope, { label: string; description: string }> = {
  scim: { label: 'SCIM provisioning', description: 'Create, update and remove members from your directory (/scim/v2).' },
  'members:read': { label: 'Read members', description: 'List your members, their type, roles and status (GET /api/v1/members).' },
};

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, '& p': { margin: 0 } },
  secret: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  secretInput: { flexGrow: 1, '& input': { fontFamily: tokens.fontFamilyMonospace } },
});

type Created = ApiTokenView & { token: string };

export function CreateTokenDialog({ onClose, onCreated }: { onClose: () => void; onCreated: () => void }) {
  const styles = useStyles();
  const notify = useNotify();
  const { busy, problem, run } = useAction();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiTokenScope[]>([]);
  const [checked, setChecked] = useState(false);
  const [created, setCreated] = useState<Created | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (!name.trim() || scopes.length === 0) return;
    const answer = await run(() => api.post<Created>('/api/v1/organization/api-tokens', { name: name.trim(), scopes }));
    if (answer) {
      setCreated(answer);
      onCreated();
    }
  };
  const copy = async () => notify((await copyText(created!.token)) ? 'Token copied.' : 'Copying is blocked here; select the token and copy it.', 'info');

  return (
    <Dialog open modalType={created ? 'alert' : 'modal'} onOpenChange={(_e, d) => !d.open && !busy && onClose()}>
      <DialogSurface>
        {created ? (
          <DialogBody>
            <DialogTitle>Copy your new token</DialogTitle>
            <DialogContent className={styles.content}>
              <MessageBar intent="warning" layout="multiline">
                <MessageBarBody>
                  <MessageBarTitle>You will not see it again.</MessageBarTitle>
                  Sealpost keeps only a fingerprint of it. Copy it now into the system that will use it; if it is lost, revoke it and create another.
                </MessageBarBody>
              </MessageBar>
              <Field label={`Token for ${created.name}`}>
                <div className={styles.secret}>
                  <Input className={styles.secretInput} readOnly value={created.token} aria-describedby="token-use" onFocus={(e) => e.currentTarget.select()} />
                  <Button icon={<Copy16Regular />} onClick={() => void copy()}>Copy</Button>
                </div>
              </Field>
              <Text as="p" id="token-use" size={200}>Send it as the header <code>Authorization: Bearer …</code>.</Text>
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" onClick={onClose}>Done</Button>
            </DialogActions>
          </DialogBody>
        ) : (
          <form onSubmit={submit} noValidate>
            <DialogBody>
              <DialogTitle>Create an API token</DialogTitle>
              <DialogContent className={styles.content}>
                <Field label="Name" hint="Which system uses it, e.g. Entra provisioning." required validationMessage={checked && !name.trim() ? 'Give the token a name.' : undefined}>
                  <Input value={name} maxLength={100} autoComplete="off" onChange={(_e, d) => setName(d.value)} />
                </Field>
                <Field label="It may call" required validationMessage={checked && scopes.length === 0 ? 'Choose at least one.' : undefined}>
                  <div role="group" aria-label="It may call">
                    {(Object.keys(SCOPE_LABELS) as ApiTokenScope[]).map((scope) => (
                      <Checkbox
                        key={scope}
                        label={`${SCOPE_LABELS[scope].label} — ${SCOPE_LABELS[scope].description}`}
                        checked={scopes.includes(scope)}
                        onChange={(_e, d) => setScopes((all) => (d.checked ? [...all, scope] : all.filter((s) => s !== scope)))}
                      />
                    ))}
                  </div>
                </Field>
                <ProblemBar problem={problem} />
              </DialogContent>
              <DialogActions>
                <Button onClick={onClose} disabled={busy}>Cancel</Button>
                <Button type="submit" appearance="primary" disabled={busy} icon={busy ? <Spinner size="tiny" /> : undefined}>Create token</Button>
              </DialogActions>
            </DialogBody>
          </form>
        )}
      </DialogSurface>
    </Dialog>
  );
}
