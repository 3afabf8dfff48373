/**
 * The API tokens section (admins): the organization's live tokens (name, what they may call, who made them and
 * when, when each was last used), a panel that creates one and shows its secret once, and revoking after confirming.
 */
import { Badge, Button, makeStyles, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import { ApiProblem } from '../../shared/api';
import { useAction } from '../../shared/useAction';
import { api } from '../api';
import { formatDateTime } from '../format';
import type { ApiTokenView } from '@contract/apiTokens';
import { Card, ProblemBar, useNotify } from '../ui';
import { CreateTokenPanel, SCOPE_LABELS } from './CreateTokenPanel';

const useStyles = makeStyles({
  scroll: { overflowX: 'auto' },
  table: { minWidth: '640px' },
  name: { fontWeight: tokens.fontWeightSemibold, wordBreak: 'break-word' },
  muted: { color: tokens.colorNeutralForeground2, fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, wordBreak: 'break-all' },
  by: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, wordBreak: 'break-all' },
  badges: { display: 'flex', gap: tokens.spacingHorizontalXS, flexWrap: 'wrap' },
  confirm: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, padding: `${tokens.spacingVerticalXS} 0` },
  confirmButtons: { display: 'flex', gap: tokens.spacingHorizontalXS },
  danger: {
    backgroundColor: tokens.colorStatusDangerBackground3,
    color: tokens.colorNeutralForegroundOnBrand,
    ':hover': { backgroundColor: tokens.colorStatusDangerForeground2, color: tokens.colorNeutralForegroundOnBrand },
  },
});

/**
 * Revoking asks first, in the row itself: the question names the token and says it cannot be undone. (In place
 * rather than in a dialog, so the list it changes stays in view.)
 */
function RevokeCell({ token, onRevoked }: { token: ApiTokenView; onRevoked: () => void }) {
  const styles = useStyles();
  const notify = useNotify();
  const [asking, setAsking] = useState(false);
  const revoke = useAction();
  if (!asking) return <Button size="small" aria-label={`Revoke ${token.name}`} onClick={() => setAsking(true)}>Revoke</Button>;
  return (
    <div className={styles.confirm} role="group" aria-label={`Revoke ${token.name}?`}>
      <Text size={200}>Revoke it? The system using it is refused from its next request. This cannot be undone.</Text>
      <div className={styles.confirmButtons}>
        <Button
          size="small"
          className={styles.danger}
          disabled={revoke.busy}
          onClick={async () => {
            const done = await revoke.run(async () => {
              await api.delete(`/api/v1/organization/api-tokens/${token.id}`);
              return true;
            });
            if (done) {
              notify(`${token.name} is revoked.`);
              onRevoked();
            }
          }}
        >
          Revoke token
        </Button>
        <Button size="small" disabled={revoke.busy} onClick={() => setAsking(false)}>Keep</Button>
      </div>
      <ProblemBar problem={revoke.problem} />
    </div>
  );
}

export function ApiTokensSection() {
  const styles = useStyles();
  const [apiTokens, setTokens] = useState<ApiTokenView[] | null>(null);
  const [loadProblem, setLoadProblem] = useState<ApiProblem | null>(null);
  const [creating, setCreating] = useState(false);
  // when the page opened: a token past its expiry reads "expired" (the server refuses it either way)
  const [openedAt] = useState(() => Date.now());

  const load = useCallback(() => {
    api.get<{ tokens: ApiTokenView[] }>('/api/v1/organization/api-tokens').then(
      (r) => setTokens(r.tokens),
      (err: unknown) => setLoadProblem(err instanceof ApiProblem ? err : new ApiProblem(0, 'unexpected', 'Something went wrong on this page. Reload it and try again.')),
    );
  }, []);
  useEffect(load, [load]);

  return (
    <Card
      title="Tokens for your other systems"
      description="Tokens let your other systems call Sealpost, such as a directory that provisions members through SCIM. A token acts with the standing of the admin who made it, and stops working if they are no longer an admin."
      actions={!creating && <Button appearance="primary" onClick={() => setCreating(true)}>Create token</Button>}
    >
      {creating && (
        <CreateTokenPanel
          onClose={(created) => {
            setCreating(false);
            if (created) load();
          }}
        />
      )}
      <ProblemBar problem={loadProblem} />
      {!apiTokens && !loadProblem && <Spinner size="small" label="Loading tokens…" />}
      {apiTokens?.length === 0 && !creating && <Text as="p">No token yet. Create one for each system, so you can revoke one without stopping the others.</Text>}
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
                    {t.actingFor && <div className={styles.by}>sends as {t.actingFor.name || t.actingFor.email}</div>}
                  </TableCell>
                  <TableCell>
                    <div>{formatDateTime(t.createdAt)}</div>
                    <div className={styles.by}>by {t.createdBy.name || t.createdBy.email}</div>
                    <div className={styles.by}>{t.expiresAt ? `${Date.parse(t.expiresAt) <= openedAt ? 'expired' : 'expires'} ${formatDateTime(t.expiresAt)}` : 'no expiry'}</div>
                  </TableCell>
                  <TableCell>{formatDateTime(t.lastUsedAt, 'Not used yet')}</TableCell>
                  <TableCell>
                    <RevokeCell token={t} onRevoked={load} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </Card>
  );
}
