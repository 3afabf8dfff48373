/**
 * Claimed domains: claim one, see the DNS TXT record that proves it, check the DNS now, remove a claim.
 * A failed check shows the server's sentence under that domain (what DNS answered and what to fix).
 */
import { Badge, Button, Field, Input, makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import { Copy16Regular } from '@fluentui/react-icons';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { ApiProblem } from '../../shared/api';
import { copyText } from '../../shared/clipboard';
import { useAction } from '../../shared/useAction';
import { api } from '../api';
import { ActionDialog } from '../members/ActionDialog';
import { formatDate } from '../format';
import type { Domain } from '@contract/domains';
import { Card, ProblemBar, useNotify } from '../ui';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  item: { border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, padding: tokens.spacingVerticalM, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  name: { fontWeight: tokens.fontWeightSemibold, flexGrow: 1, wordBreak: 'break-all' },
  record: { display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`, alignItems: 'center', backgroundColor: tokens.colorNeutralBackground3, padding: tokens.spacingVerticalS, borderRadius: tokens.borderRadiusMedium, margin: 0, '& dd': { margin: 0, display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalS } },
  code: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, wordBreak: 'break-all' },
  claim: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'flex-end', flexWrap: 'wrap' },
  grow: { flexGrow: 1 },
});

export function DomainsCard({ canManage }: { canManage: boolean }) {
  const styles = useStyles();
  const notify = useNotify();
  const [domains, setDomains] = useState<Domain[] | null>(null);
  const [loadProblem, setLoadProblem] = useState<ApiProblem | null>(null);
  const [draft, setDraft] = useState('');
  const [removing, setRemoving] = useState<Domain | null>(null);
  const claim = useAction();

  const load = useCallback(() => {
    api.get<{ domains: Domain[] }>('/api/v1/domains').then(
      (r) => setDomains(r.domains),
      (err: unknown) => setLoadProblem(err instanceof ApiProblem ? err : new ApiProblem(0, 'unexpected', String(err))),
    );
  }, []);
  useEffect(load, [load]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!draft.trim()) return;
    const claimed = await claim.run(() => api.post<Domain>('/api/v1/domains', { domain: draft.trim() }));
    if (claimed) {
      setDraft('');
      notify(`${claimed.domain} claimed. Add its TXT record, then verify.`);
      load();
    }
  };

  return (
    <Card title="Domains" description="Prove that your organization owns its email domains with a DNS TXT record.">
      <ProblemBar problem={loadProblem} />
      {!domains && !loadProblem && <Spinner size="small" label="Loading domains…" />}
      {domains?.length === 0 && <Text as="p">No domain is claimed yet.</Text>}
      {domains && domains.length > 0 && (
        <ul className={styles.list} aria-label="Claimed domains">
          {domains.map((d) => (
            <DomainItem key={d.id} domain={d} canManage={canManage} onChanged={load} onRemove={() => setRemoving(d)} />
          ))}
        </ul>
      )}
      {canManage && (
        <form className={styles.claim} onSubmit={submit}>
          <Field label="Domain to claim (the part after the @ of your addresses)" className={styles.grow}>
            <Input value={draft} maxLength={253} placeholder="example.com" onChange={(_e, d) => setDraft(d.value)} />
          </Field>
          <Button type="submit" appearance="primary" disabled={claim.busy || !draft.trim()}>Claim domain</Button>
        </form>
      )}
      <ProblemBar problem={claim.problem} />
      {removing && (
        <ActionDialog
          title={`Remove ${removing.domain}?`}
          confirmLabel="Remove domain"
          danger
          onClose={() => setRemoving(null)}
          onConfirm={async () => {
            await api.delete(`/api/v1/domains/${removing.id}`);
            notify(`${removing.domain} removed.`);
            load();
          }}
        >
          <Text as="p">People on {removing.domain} are no longer provisioned automatically. {removing.status === 'verified' ? 'Another organization could then claim it.' : ''}</Text>
        </ActionDialog>
      )}
    </Card>
  );
}

function DomainItem({ domain, canManage, onChanged, onRemove }: { domain: Domain; canManage: boolean; onChanged: () => void; onRemove: () => void }) {
  const styles = useStyles();
  const notify = useNotify();
  const verify = useAction();
  const copy = async (what: string, text: string) => notify((await copyText(text)) ? `${what} copied.` : `Copying is blocked here; select the ${what.toLowerCase()} and copy it.`, 'info');
  return (
    <li className={styles.item} aria-label={domain.domain}>
      <div className={styles.head}>
        <Text className={styles.name}>{domain.domain}</Text>
        {domain.status === 'verified' ? (
          <Badge appearance="tint" color="success">Verified {domain.verifiedAt ? formatDate(domain.verifiedAt) : ''}</Badge>
        ) : (
          <Badge appearance="tint" color="warning">Waiting for DNS</Badge>
        )}
      </div>
      {domain.status === 'pending' && (
        <>
          <Text as="p" size={200}>Add this TXT record at your DNS provider. Changes can take a while to appear.</Text>
          <dl className={styles.record}>
            <dt>Name</dt>
            <dd>
              <span className={styles.code}>{domain.txtRecord.name}</span>
              <Button size="small" appearance="subtle" icon={<Copy16Regular />} aria-label={`Copy the record name for ${domain.domain}`} onClick={() => void copy('Record name', domain.txtRecord.name)} />
            </dd>
            <dt>Value</dt>
            <dd>
              <span className={styles.code}>{domain.txtRecord.value}</span>
              <Button size="small" appearance="subtle" icon={<Copy16Regular />} aria-label={`Copy the record value for ${domain.domain}`} onClick={() => void copy('Record value', domain.txtRecord.value)} />
            </dd>
          </dl>
        </>
      )}
      {canManage && (
        <div className={styles.head}>
          {domain.status === 'pending' && (
            <Button
              size="small"
              appearance="primary"
              disabled={verify.busy}
              icon={verify.busy ? <Spinner size="tiny" /> : undefined}
              onClick={async () => {
                const done = await verify.run(() => api.post<Domain>(`/api/v1/domains/${domain.id}/verify`));
                if (done) {
                  notify(`${domain.domain} is verified.`);
                  onChanged();
                }
              }}
            >
              Verify now
            </Button>
          )}
          <Button size="small" onClick={onRemove}>Remove</Button>
        </div>
      )}
      <ProblemBar problem={verify.problem} />
    </li>
  );
}
