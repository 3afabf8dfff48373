/**
 * The Members section: find people (server-side search, filters, order, pages), see one in a drawer, and act on
 * one or many. Each action is a call the server authorizes again; refusals are shown as the server's sentence.
 */
import { Button, makeStyles, MessageBar, MessageBarBody, Spinner, Text, tokens } from '@fluentui/react-components';
import { ArrowDownload20Regular, PersonAdd20Regular } from '@fluentui/react-icons';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiProblem } from '../../shared/api';
import { api, queryString } from '../api';
import { plural } from '../format';
import type { Member } from '@contract/members';
import { ProblemBar, useNotify } from '../ui';
import { ActionDialog } from './ActionDialog';
import { BulkBar, type BulkOutcome } from './BulkBar';
import { InviteDialog } from './InviteDialog';
import { ACTION_LABELS, type MemberAction } from './memberActions';
import { ChangeTypeDialog, EditInvitedDialog, RemoveDialog } from './MemberDialogs';
import { MemberDrawer } from './MemberDrawer';
import { MemberFilters } from './MemberFilters';
import { MembersTable } from './MembersTable';
import { filterQuery, NO_FILTERS, useMemberList } from './useMemberList';

type Dialog =
  | { kind: 'invite' }
  | { kind: 'remove'; members: Member[] }
  | { kind: 'type'; members: Member[]; to: 'pro' | 'guest' }
  | { kind: 'edit'; member: Member }
  | { kind: 'signOut'; member: Member }
  | { kind: 'resetTwoStep'; member: Member };

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  toolbar: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  spacer: { flexGrow: 1 },
  count: { color: tokens.colorNeutralForeground2 },
  tableWrap: { overflowX: 'auto', borderRadius: tokens.borderRadiusLarge, boxShadow: tokens.shadow4 },
  empty: { padding: tokens.spacingVerticalXXL, textAlign: 'center', backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusLarge, display: 'flex', flexDirection: 'column', alignItems: 'center', gap: tokens.spacingVerticalM },
  more: { alignSelf: 'center' },
});

export function MembersSection({ invitationExpiryDays, canInvitePros, myAccountId }: { invitationExpiryDays: number; canInvitePros: boolean; myAccountId: string }) {
  const styles = useStyles();
  const notify = useNotify();
  const list = useMemberList();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [open, setOpen] = useState<string | null>(null);
  const [drawerVersion, setDrawerVersion] = useState(0);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [bulkOutcome, setBulkOutcome] = useState<BulkOutcome | null>(null);

  // A new search or filter is a new list: nothing stays selected that may no longer be shown.
  useEffect(() => setSelected(new Set()), [list.sent]);
  const selectedMembers = useMemo(() => list.members.filter((m) => selected.has(m.accountId)), [list.members, selected]);

  const refresh = useCallback(async () => {
    await list.reload();
    setDrawerVersion((v) => v + 1);
  }, [list]);

  /** Runs a change that needs no dialog, and says how it went. */
  const act = async (done: string, call: () => Promise<unknown>) => {
    setProblem(null);
    try {
      await call();
      notify(done);
    } catch (err) {
      setProblem(err instanceof ApiProblem ? err : new ApiProblem(0, 'unexpected', String(err)));
    }
    await refresh();
  };

  const onAction = (m: Member, action: MemberAction) => {
    const patch = (body: unknown) => () => api.patch(`/api/v1/members/${m.accountId}`, body);
    switch (action) {
      case 'resend':
        return act(`Invitation sent again to ${m.email}.`, () => api.post(`/api/v1/invitations/${m.invitationId}/resend`));
      case 'grantAdmin':
        return act(`${m.name} is now an admin.`, patch({ roles: { admin: true } }));
      case 'revokeAdmin':
        return act(`${m.name} is no longer an admin.`, patch({ roles: { admin: false } }));
      case 'grantUserManager':
        return act(`${m.name} is now a user manager.`, patch({ roles: { userManager: true } }));
      case 'revokeUserManager':
        return act(`${m.name} is no longer a user manager.`, patch({ roles: { userManager: false } }));
      case 'edit':
        return setDialog({ kind: 'edit', member: m });
      case 'makePro':
        return setDialog({ kind: 'type', members: [m], to: 'pro' });
      case 'makeGuest':
        return setDialog({ kind: 'type', members: [m], to: 'guest' });
      case 'signOut':
        return setDialog({ kind: 'signOut', member: m });
      case 'resetTwoStep':
        return setDialog({ kind: 'resetTwoStep', member: m });
      case 'remove':
        return setDialog({ kind: 'remove', members: [m] });
    }
  };

  /** Many members go through the bulk endpoint, which reports on each; one member uses its own route. */
  const bulk = async (action: 'resend' | 'remove' | 'change_type', members: Member[], extra: { type?: 'pro' | 'guest'; handOverTo?: string } = {}) => {
    const { results } = await api.post<{ results: { accountId: string; ok: boolean; detail: string | null }[] }>('/api/v1/members/bulk', {
      action,
      accountIds: members.map((m) => m.accountId),
      ...(extra.type ? { type: extra.type } : {}),
      ...(extra.handOverTo ? { handOverTo: extra.handOverTo } : {}),
    });
    const name = (id: string) => members.find((m) => m.accountId === id)?.name ?? id;
    setBulkOutcome({ done: results.filter((r) => r.ok).length, refused: results.filter((r) => !r.ok).map((r) => ({ name: name(r.accountId), detail: r.detail ?? '' })) });
    setSelected(new Set());
    await refresh();
  };

  const exportHref = `/api/v1/members/export.csv${queryString(filterQuery(list.sent))}`;
  const total = list.page?.total;
  return (
    <div className={styles.section}>
      <div className={styles.toolbar}>
        <Button appearance="primary" icon={<PersonAdd20Regular />} onClick={() => setDialog({ kind: 'invite' })}>Invite</Button>
        <Button as="a" href={exportHref} download icon={<ArrowDownload20Regular />}>Export CSV</Button>
        <span className={styles.spacer} />
        {total !== null && total !== undefined && !list.loading && (
          <Text className={styles.count} role="status">
            Showing {list.members.length.toLocaleString('en-US')} of {list.page?.totalIsCapped ? `more than ${total.toLocaleString('en-US')}` : plural(total, 'member')}
          </Text>
        )}
      </div>
      <MemberFilters filters={list.filters} onChange={list.setFilters} />
      <ProblemBar problem={problem ?? list.problem} />
      {bulkOutcome && <BulkResult outcome={bulkOutcome} onDismiss={() => setBulkOutcome(null)} />}
      {selectedMembers.length > 0 && (
        <BulkBar
          members={selectedMembers}
          onClear={() => setSelected(new Set())}
          onResend={(ms) => void bulk('resend', ms).catch((err: unknown) => setProblem(err instanceof ApiProblem ? err : new ApiProblem(0, 'unexpected', String(err))))}
          onChangeType={(ms, to) => setDialog({ kind: 'type', members: ms, to })}
          onRemove={(ms) => setDialog({ kind: 'remove', members: ms })}
        />
      )}
      {list.loading && list.members.length === 0 ? (
        <Spinner label="Loading members…" />
      ) : list.members.length === 0 && !list.problem ? (
        <div className={styles.empty}>
          <Text size={400} weight="semibold">No members match</Text>
          <Text>Try another search or fewer filters.</Text>
          <Button onClick={() => list.setFilters(NO_FILTERS)}>Clear search and filters</Button>
        </div>
      ) : (
        <div className={styles.tableWrap} aria-busy={list.loading}>
          <MembersTable
            members={list.members}
            selected={selected}
            onSelect={(ids, on) => setSelected((s) => {
              const next = new Set(s);
              for (const id of ids) if (on) next.add(id); else next.delete(id);
              return next;
            })}
            onOpen={(m) => setOpen(m.accountId)}
            onAction={(m, a) => void onAction(m, a)}
          />
        </div>
      )}
      {list.page?.next && (
        <Button className={styles.more} onClick={() => void list.loadMore()} disabled={list.loadingMore} icon={list.loadingMore ? <Spinner size="tiny" /> : undefined}>
          Show more members
        </Button>
      )}

      {open && <MemberDrawer accountId={open} version={drawerVersion} onClose={() => setOpen(null)} onAction={(a, d) => void onAction(d.member, a)} />}
      {dialog?.kind === 'invite' && (
        <InviteDialog expiryDays={invitationExpiryDays} canInvitePros={canInvitePros} onClose={() => setDialog(null)} onInvited={(email) => { notify(`Invitation sent to ${email}.`); void refresh(); }} />
      )}
      {dialog?.kind === 'edit' && (
        <EditInvitedDialog member={dialog.member} onClose={() => setDialog(null)} onSaved={(moved) => { notify(moved ? 'Saved. A new invitation went to the new address.' : 'Saved.'); void refresh(); }} />
      )}
      {dialog?.kind === 'remove' && (
        <RemoveDialog
          members={dialog.members}
          myAccountId={myAccountId}
          onClose={() => setDialog(null)}
          onConfirm={async (handOverTo) => {
            const [only] = dialog.members;
            if (dialog.members.length === 1 && only) {
              await api.delete(`/api/v1/members/${only.accountId}${queryString({ handOverTo })}`);
              notify(`${only.name} was removed.`);
              await refresh();
            } else await bulk('remove', dialog.members, { handOverTo });
          }}
        />
      )}
      {dialog?.kind === 'type' && (
        <ChangeTypeDialog
          members={dialog.members}
          to={dialog.to}
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            const [only] = dialog.members;
            if (dialog.members.length === 1 && only) {
              await api.patch(`/api/v1/members/${only.accountId}`, { type: dialog.to });
              notify(`${only.name} is now a ${dialog.to}.`);
              await refresh();
            } else await bulk('change_type', dialog.members, { type: dialog.to });
          }}
        />
      )}
      {dialog?.kind === 'signOut' && (
        <ActionDialog
          title={`Sign ${dialog.member.name} out everywhere?`}
          confirmLabel={ACTION_LABELS.signOut}
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            const { sessionsEnded } = await api.post<{ sessionsEnded: number }>(`/api/v1/members/${dialog.member.accountId}/sign-out`);
            notify(`${plural(sessionsEnded, 'session')} ended.`);
            await refresh();
          }}
        >
          <Text as="p">Every session of {dialog.member.name} in this organization ends now. They can sign in again with their password.</Text>
        </ActionDialog>
      )}
      {dialog?.kind === 'resetTwoStep' && (
        <ActionDialog
          title={`Reset ${dialog.member.name}'s 2-step verification?`}
          confirmLabel={ACTION_LABELS.resetTwoStep}
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            await api.post<{ sessionsEnded: number }>(`/api/v1/members/${dialog.member.accountId}/two-step/reset`);
            notify(`${dialog.member.name}'s 2-step verification was reset.`);
            await refresh();
          }}
        >
          <Text as="p">
            Do this only for someone who lost both their phone and their recovery codes, once you are sure it is them. Their authenticator and recovery
            codes stop working, their sessions here end, and they set up 2-step verification again when they next sign in. The reset is recorded in the
            audit log.
          </Text>
        </ActionDialog>
      )}
    </div>
  );
}

function BulkResult({ outcome, onDismiss }: { outcome: BulkOutcome; onDismiss: () => void }) {
  return (
    <MessageBar intent={outcome.refused.length ? 'warning' : 'success'} layout="multiline">
      <MessageBarBody>
        Done for {plural(outcome.done, 'member')}.
        {outcome.refused.length > 0 && ` Not done for ${outcome.refused.length}: `}
        {outcome.refused.map((r) => `${r.name} — ${r.detail}`).join(' ')}{' '}
        <Button appearance="transparent" size="small" onClick={onDismiss}>Dismiss</Button>
      </MessageBarBody>
    </MessageBar>
  );
}
