/**
 * The API tokens section (admins): the organization's live tokens (name, what they may call, who made them and
 * when, when each was last used), a dialog that creates one and shows its secret once, and revoking after confirming.
 */
import { Badge, Button, makeStyles, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import { ApiProblem } from '../../shared/api';
import { api } from '../api';
import { ActionDialog } from '../members/ActionDialog';
import { formatDateTime } from '../format';
import type { ApiTokenView } from '@contract/apiTokens';
import { Card, ProblemBar, useNotify } from '../ui';
import { CreateTokenDialog, SCOPE_LABELS } from './CreateTokenDialog';

const useStyles = makeStyles({
  scroll: { overflowX: 'auto' },
  table: { minWidth: '640px' },
  name: { fontWeight: tokens.fontWeightSemibold, wordBreak: 'break-word' },
  muted: { color: tokens.colorNeutralForeground2, fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  by: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, wordBreak: 'break-all' },
  badges: { display: 'flex', gap: tokens.spacingHorizontalXS, flexWrap: 'wrap' },
});

export function ApiTokensSection() {
  const styles = useStyles();
  const notify = useNotify();
  const [apiTokens, setTokens] = useState<ApiTokenView[] | null>(null);
  const [loadProblem, setLoadProblem] = useState<ApiProblem | null>(null);
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiTokenView | null>(null);

  const load = useCallback(() => {
    api.get<{ tokens: ApiTokenView[] }>('/api/v1/organization/api-tokens').then(
      (r) => setTokens(r.tokens),
      (err: unknown) => setLoadProblem(err instanceof ApiProblem ? err : new ApiProblem(0, 'unexpected', 'Something went wrong on this page. Reload it and try again.')),
    );
  }, []);
  useEffect(load, [load]);

  return (
    <Card
      title="API tokens"
      description="Tokens let your other systems call Sealpost, such as a directory that provisions members through SCIM. A token acts with the standing of the admin who made it, and stops working if they are no longer an admin."
      actions={<Button appearance="primary" onClick={() => setCreating(true)}>Create token</Button>}
    >
      <ProblemBar problem={loadProblem} />
      {!apiTokens && !loadProblem && <Spinner size="small" label="Loading tokens…" />}
      {apiTokens?.length === 0 && <Text as="p">No token yet. Create one for each system, so you can revoke one without stopping the others.</Text>}
      {apiTokens && apiTokens.length > 0 && (
        <div className={styles.scroll}>
          <Table aria-label="API tokens" className={styles.table}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Name</TableHeaderCell>
                <TableHeaderCell>May call</TableHeaderCell>
                <TableHeaderCell>Created</TableHeaderCell>
                <TableHeaderCell>Last used</TableHeaderCell>
                <TableHeaderCell>
                  <span aria-hidden>Revoke</span>
                </TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {apiTokens.map((t) => (
                <TableRow key={t.id}>
                  <TableCell>
                    <div className={styles.name}>{t.name}</div>
                    <div className={styles.muted}>{t.prefix}…</div>
                  </TableCell>
                  <TableCell>
                    <span className={styles.badges}>
                      {t.scopes.map((s) => (
                        <Badge key={s} appearance="tint" color="brand" title={SCOPE_LABELS[s].description}>{SCOPE_LABELS[s].label}</Badge>
                      ))}
                    </span>
                  </TableCell>
                  <TableCell>
                    <div>{formatDateTime(t.createdAt)}</div>
                    <div className={styles.by}>by {t.createdBy.name || t.createdBy.email}</div>
                  </TableCell>
                  <TableCell>{formatDateTime(t.lastUsedAt, 'Not used yet')}</TableCell>
                  <TableCell>
                    <Button size="small" aria-label={`Revoke ${t.name}`} onClick={() => setRevoking(t)}>Revoke</Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {creating && <CreateTokenDialog onClose={() => setCreating(false)} onCreated={load} />}
      {revoking && (
        <ActionDialog
          title={`Revoke ${revoking.name}?`}
          confirmLabel="Revoke token"
          danger
          onClose={() => setRevoking(null)}
          onConfirm={async () => {
            await api.delete(`/api/v1/organization/api-tokens/${revoking.id}`);
            notify(`${revoking.name} is revoked.`);
            load();
          }}
        >
          <Text as="p">
            The next request that uses it is refused, and this cannot be undone. The system that uses it stops working until you give it a new token.
          </Text>
        </ActionDialog>
      )}
    </Card>
  );
}
