/**
 * The Single sign-on section (admins): which provider staff sign in with (Microsoft Entra ID by tenant, or any
 * OpenID Connect provider by issuer), its client, the verified domains it covers and the two rules ("staff must
 * use single sign-on", "the provider's MFA counts as our 2-step"); the redirect URI to register with the provider;
 * save, and remove after confirming. The client secret is write-only: once stored it shows as "Stored" with Replace.
 */
import {
  Button,
  Checkbox,
  Field,
  Input,
  Link,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Spinner,
  Switch,
  Text,
  tokens,
} from '@fluentui/react-components';
import { Copy16Regular } from '@fluentui/react-icons';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { ApiProblem } from '../../shared/api';
import { copyText } from '../../shared/clipboard';
import { useAction } from '../../shared/useAction';
import { api } from '../api';
import { formatDateTime } from '../format';
import type { Domain } from '@contract/domains';
import type { SsoSettings } from '@contract/sso';
import { Card, CheckGroup, ProblemBar, useNotify } from '../ui';
import { changeOf, draftOf, fieldOf, type DraftField, type SsoDraft } from './ssoForm';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '720px' },
  uri: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, backgroundColor: tokens.colorNeutralBackground3, padding: tokens.spacingVerticalS, borderRadius: tokens.borderRadiusMedium },
  code: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, wordBreak: 'break-all', flexGrow: 1 },
  secret: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap', minHeight: '32px' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap', alignItems: 'center' },
  muted: { color: tokens.colorNeutralForeground2 },
  danger: {
    backgroundColor: tokens.colorStatusDangerBackground3,
    color: tokens.colorNeutralForegroundOnBrand,
    ':hover': { backgroundColor: tokens.colorStatusDangerForeground2, color: tokens.colorNeutralForegroundOnBrand },
  },
});

/**
 * Asks before removing, in place rather than in a dialog: the form stays in view, and the answer is one click away.
 */
function RemoveConfirmation({ providerName, onCancel, onRemoved }: { providerName: string; onCancel: () => void; onRemoved: () => void }) {
  const styles = useStyles();
  const notify = useNotify();
  const remove = useAction();
  return (
    <>
      <MessageBar intent="warning" layout="multiline" role="group" aria-label="Remove single sign-on?">
        <MessageBarBody>
          <MessageBarTitle>Remove single sign-on?</MessageBarTitle>
          Staff stop seeing "Continue with {providerName}" and sign in with their Sealpost password again. Those who never set one use "Forgot your
          password?" on the sign-in page.
        </MessageBarBody>
        <MessageBarActions>
          <Button onClick={onCancel} disabled={remove.busy}>Keep it</Button>
          <Button
            className={styles.danger}
            disabled={remove.busy}
            icon={remove.busy ? <Spinner size="tiny" /> : undefined}
            onClick={async () => {
              const done = await remove.run(async () => {
                await api.delete('/api/v1/organization/sso');
                return true;
              });
              if (done) {
                notify('Single sign-on is off. Everyone signs in with a password again.');
                onRemoved();
              }
            }}
          >
            Remove
          </Button>
        </MessageBarActions>
      </MessageBar>
      <ProblemBar problem={remove.problem} />
    </>
  );
}

export function SsoSection() {
  const [settings, setSettings] = useState<SsoSettings | null>(null);
  const [domains, setDomains] = useState<Domain[] | null>(null);
  const [loadProblem, setLoadProblem] = useState<ApiProblem | null>(null);

  const load = useCallback(() => {
    Promise.all([api.get<SsoSettings>('/api/v1/organization/sso'), api.get<{ domains: Domain[] }>('/api/v1/domains')]).then(
      ([sso, list]) => {
        setSettings(sso);
        setDomains(list.domains);
      },
      (err: unknown) => setLoadProblem(err instanceof ApiProblem ? err : new ApiProblem(0, 'unexpected', 'Something went wrong on this page. Reload it and try again.')),
    );
  }, []);
  useEffect(load, [load]);

  if (loadProblem) return <ProblemBar problem={loadProblem} />;
  if (!settings || !domains) return <Spinner label="Loading single sign-on…" />;
  // A new key per saved version starts the form from what the server keeps.
  return <SsoForm key={settings.provider?.updatedAt ?? 'none'} settings={settings} domains={domains} onSaved={setSettings} onRemoved={load} />;
}

function SsoForm({ settings, domains, onSaved, onRemoved }: { settings: SsoSettings; domains: Domain[]; onSaved: (s: SsoSettings) => void; onRemoved: () => void }) {
  const styles = useStyles();
  const notify = useNotify();
  const provider = settings.provider;
  const [draft, setDraft] = useState<SsoDraft>(() => draftOf(provider));
  const [removing, setRemoving] = useState(false);
  const save = useAction();
  const set = <K extends keyof SsoDraft>(key: K, value: SsoDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const problemField = save.problem ? fieldOf(save.problem) : null;
  const messageFor = (field: DraftField) => (problemField === field ? save.problem!.message : undefined);
  const verified = domains.filter((d) => d.status === 'verified');
  // A covered domain that is no longer verified stays listed, so the admin can see it and uncheck it.
  const choices = [...verified, ...(provider?.coveredDomains ?? []).filter((c) => !verified.some((d) => d.id === c.id))];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await save.run(() => api.put<SsoSettings>('/api/v1/organization/sso', changeOf(draft)));
    if (saved) {
      notify(provider ? 'Single sign-on saved.' : `Single sign-on is set up. People on covered domains now see "Continue with ${saved.provider?.displayName ?? ''}".`);
      onSaved(saved);
    }
  };
  const copy = async () => notify((await copyText(settings.redirectUri)) ? 'Redirect URI copied.' : 'Copying is blocked here; select the redirect URI and copy it.', 'info');

  return (
    <>
      <Card title="Redirect URI" description="Register this address with your provider, as the redirect (reply) URI of the Sealpost application.">
        <div className={styles.uri}>
          <span className={styles.code} data-testid="redirect-uri">{settings.redirectUri}</span>
          <Button size="small" icon={<Copy16Regular />} onClick={() => void copy()}>Copy</Button>
        </div>
      </Card>
      <Card
        title={provider ? `Signing in with ${provider.displayName}` : 'Set up single sign-on'}
        description={provider ? `Last saved ${formatDateTime(provider.updatedAt)}.` : 'Staff on your verified domains sign in with your identity provider instead of a Sealpost password.'}
      >
        <form className={styles.form} onSubmit={submit} noValidate aria-label="Single sign-on settings">
          <Field label="Provider">
            <RadioGroup value={draft.kind} onChange={(_e, d) => set('kind', d.value as SsoDraft['kind'])}>
              <Radio value="entra" label="Microsoft Entra ID (Microsoft 365)" />
              <Radio value="oidc" label="Another OpenID Connect provider (Google Workspace, Okta, …)" />
            </RadioGroup>
          </Field>
          <Field label="Name on the sign-in button" hint={`People see "Continue with ${draft.displayName.trim() || '…'}".`} validationMessage={messageFor('displayName')} required>
            <Input value={draft.displayName} maxLength={60} onChange={(_e, d) => set('displayName', d.value)} />
          </Field>
          {draft.kind === 'entra' ? (
            <Field label="Tenant id" hint="A GUID: Entra admin center → Overview → Tenant ID." validationMessage={messageFor('entraTenantId')} required>
              <Input value={draft.entraTenantId} maxLength={36} placeholder="00000000-0000-0000-0000-000000000000" onChange={(_e, d) => set('entraTenantId', d.value)} />
            </Field>
          ) : (
            <Field label="Issuer" hint="The https address your provider names as its issuer; Sealpost reads its /.well-known/openid-configuration." validationMessage={messageFor('issuer')} required>
              <Input value={draft.issuer} maxLength={500} placeholder="https://accounts.google.com" onChange={(_e, d) => set('issuer', d.value)} />
            </Field>
          )}
          <Field
            label="Client id"
            hint={draft.kind === 'entra' ? "Leave empty to use Sealpost's own Microsoft application." : 'The id your provider gave the Sealpost application.'}
            validationMessage={messageFor('clientId')}
            required={draft.kind === 'oidc'}
          >
            <Input value={draft.clientId} maxLength={255} autoComplete="off" onChange={(_e, d) => set('clientId', d.value)} />
          </Field>
          <Field label="Client secret" hint="Write-only: Sealpost seals it and never shows it again." validationMessage={messageFor('clientSecret')}>
            {draft.keepSecret ? (
              <div className={styles.secret}>
                <Text>Stored</Text>
                <Button size="small" onClick={() => setDraft((d) => ({ ...d, keepSecret: false, clientSecret: '' }))}>Replace</Button>
              </div>
            ) : (
              <Input type="password" value={draft.clientSecret} maxLength={1000} autoComplete="new-password" onChange={(_e, d) => set('clientSecret', d.value)} />
            )}
          </Field>
          {choices.length === 0 ? (
            <Field label="Domains it covers" validationMessage={messageFor('coveredDomainIds')}>
              <Text className={styles.muted}>
                No domain is verified yet. Claim and verify your domains under <Link href="#settings">Settings</Link> first.
              </Text>
            </Field>
          ) : (
            <CheckGroup label="Domains it covers" hint="People whose address is on a checked domain sign in with this provider." error={messageFor('coveredDomainIds')}>
              {choices.map((d) => (
                <Checkbox
                  key={d.id}
                  label={d.domain}
                  checked={draft.coveredDomainIds.includes(d.id)}
                  onChange={(_e, c) => set('coveredDomainIds', c.checked ? [...draft.coveredDomainIds, d.id] : draft.coveredDomainIds.filter((id) => id !== d.id))}
                />
              ))}
            </CheckGroup>
          )}
          <Switch
            label="Staff must use single sign-on (their password sign-in is refused; guests keep password and 2-step)"
            checked={draft.prosMustUseSso}
            onChange={(_e, d) => set('prosMustUseSso', d.checked)}
          />
          <Switch
            label="Count the provider's MFA as our 2-step verification"
            checked={draft.trustProviderMfa}
            onChange={(_e, d) => set('trustProviderMfa', d.checked)}
          />
          <Text size={200} className={styles.muted}>
            New people on covered domains who sign in without an invitation join by your <Link href="#settings">auto-provisioning</Link> setting.
          </Text>
          {save.problem && !problemField && <ProblemBar problem={save.problem} />}
          <div className={styles.actions}>
            <Button type="submit" appearance="primary" disabled={save.busy} icon={save.busy ? <Spinner size="tiny" /> : undefined}>
              {provider ? 'Save changes' : 'Turn on single sign-on'}
            </Button>
            {provider && !removing && <Button onClick={() => setRemoving(true)}>Remove single sign-on</Button>}
          </div>
        </form>
        {removing && provider && <RemoveConfirmation providerName={provider.displayName} onCancel={() => setRemoving(false)} onRemoved={onRemoved} />}
      </Card>
    </>
  );
}
