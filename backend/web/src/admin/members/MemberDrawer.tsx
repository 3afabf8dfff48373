/**
 * One member in a side drawer: status, contact, sessions and last sign-in, the invitation story (who invited them,
 * when, how often it was sent) and their history from the audit log, with the actions the server allows.
 */
import {
  Button,
  DrawerBody,
  DrawerFooter,
  DrawerHeader,
  DrawerHeaderTitle,
  makeStyles,
  OverlayDrawer,
  Spinner,
  Subtitle2,
  Text,
  tokens,
} from '@fluentui/react-components';
import { Dismiss24Regular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import { ApiProblem } from '../../shared/api';
import { api } from '../api';
import { formatDateTime, plural } from '../format';
import type { MemberDetail } from '@contract/members';
import { ProblemBar } from '../ui';
import { ACTION_LABELS, actionsFor, type MemberAction } from './memberActions';
import { RoleBadges, StateBadge } from './MembersTable';

const useStyles = makeStyles({
  facts: { display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalS, margin: 0, '& dt': { color: tokens.colorNeutralForeground2 }, '& dd': { margin: 0, wordBreak: 'break-word' } },
  block: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, marginTop: tokens.spacingVerticalL, '& h3, & p': { margin: 0 } },
  history: { listStyleType: 'none', padding: 0, margin: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  when: { color: tokens.colorNeutralForeground3 },
  footer: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

const HISTORY: Record<string, (data: Record<string, unknown>) => string> = {
  'member.invited': (d) => `${d.returning === true ? 'Invited again after removal, as a new member,' : 'Invited'} as ${d.type === 'pro' ? 'a pro' : 'a guest'}`,
  'invitation.resent': () => 'Invitation sent again',
  'invitation.edited': (d) => (d.emailChanged ? 'Invitation moved to a new email address' : 'Invitation details corrected'),
  'invitation.revoked': () => 'Invitation withdrawn',
  'member.registered': () => 'Registered',
  'session.started': () => 'Signed in',
  'two_step.enabled': () => 'Set up 2-step verification',
  'member.type_changed': (d) => `Changed from ${String(d.from)} to ${String(d.to)}`,
  'member.roles_changed': (d) =>
    [d.admin === true && 'made admin', d.admin === false && 'admin role removed', d.userManager === true && 'made user manager', d.userManager === false && 'user manager role removed']
      .filter(Boolean)
      .join(', ')
      .replace(/^./, (c) => c.toUpperCase()) || 'Roles changed',
  'member.signed_out': (d) => `Signed out everywhere (${plural(Number(d.sessions ?? 0), 'session')})`,
  'member.removed': (d) =>
    typeof d.conversationsHandedToName === 'string'
      ? `Removed from the organization; conversations handed to ${d.conversationsHandedToName}`
      : 'Removed from the organization',
  'account.blocked': () => 'Blocked by the platform operator',
  'account.unblocked': () => 'Unblocked by the platform operator',
};

interface Props {
  accountId: string;
  /** Bumped by the section after an action, so the drawer shows the new state. */
  version: number;
  onClose: () => void;
  onAction: (action: MemberAction, detail: MemberDetail) => void;
}

export function MemberDrawer({ accountId, version, onClose, onAction }: Props) {
  const styles = useStyles();
  const [detail, setDetail] = useState<MemberDetail | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  useEffect(() => {
    let current = true;
    setProblem(null);
    api.get<MemberDetail>(`/api/v1/members/${accountId}`).then(
      (d) => current && setDetail(d),
      (err: unknown) => current && setProblem(err instanceof ApiProblem ? err : new ApiProblem(0, 'unexpected', String(err))),
    );
    return () => {
      current = false;
    };
  }, [accountId, version]);

  const m = detail?.member.accountId === accountId ? detail.member : null;
  const invitation = detail?.invitations[0];
  return (
    <OverlayDrawer open position="end" size="medium" onOpenChange={(_e, d) => !d.open && onClose()} aria-label={m ? `Member ${m.name}` : 'Member details'}>
      <DrawerHeader>
        <DrawerHeaderTitle action={<Button appearance="subtle" aria-label="Close" icon={<Dismiss24Regular />} onClick={onClose} />}>
          {m?.name ?? 'Member'}
        </DrawerHeaderTitle>
      </DrawerHeader>
      <DrawerBody>
        <ProblemBar problem={problem} />
        {!m && !problem && <Spinner label="Loading member…" />}
        {m && detail && (
          <>
            <dl className={styles.facts}>
              <dt>Status</dt>
              <dd><StateBadge state={m.state} /></dd>
              <dt>Email</dt>
              <dd>{m.email}</dd>
              <dt>Phone</dt>
              <dd>{m.phone ?? '—'}</dd>
              <dt>Type</dt>
              <dd>{m.type === 'guest' ? 'Guest' : m.status === 'active' || m.status === 'invited' ? 'Pro (uses a seat)' : 'Pro'}</dd>
              <dt>Roles</dt>
              <dd><RoleBadges member={m} /></dd>
              <dt>2-step verification</dt>
              <dd>{m.twoStepVerified ? 'Set up' : 'Not set up'}</dd>
              <dt>Joined</dt>
              <dd>{formatDateTime(m.joinedAt)}</dd>
              <dt>Last sign-in</dt>
              <dd>{formatDateTime(m.lastLoginAt)}</dd>
              <dt>Signed in now</dt>
              <dd>{plural(detail.liveSessions, 'session')}</dd>
            </dl>
            <section className={styles.block} aria-labelledby="drawer-invitation">
              <Subtitle2 as="h3" id="drawer-invitation">Invitation</Subtitle2>
              {invitation ? (
                <Text as="p">
                  Invited by {invitation.invitedBy?.name ?? 'someone no longer here'} on {formatDateTime(invitation.firstSentAt)}.{' '}
                  {invitation.sendCount > 1 ? `Sent ${invitation.sendCount} times, last on ${formatDateTime(invitation.lastSentAt)}.` : 'Sent once.'}{' '}
                  {invitation.status === 'invited' ? `The link works until ${formatDateTime(invitation.expiresAt)}.` : ''}
                  {invitation.status === 'revoked' ? 'Withdrawn.' : ''}
                </Text>
              ) : (
                <Text as="p">Joined without an invitation (started the organization or signed up).</Text>
              )}
            </section>
            <section className={styles.block} aria-labelledby="drawer-history">
              <Subtitle2 as="h3" id="drawer-history">History</Subtitle2>
              {detail.history.length === 0 ? (
                <Text as="p">Nothing recorded yet.</Text>
              ) : (
                <ul className={styles.history}>
                  {detail.history.map((h) => (
                    <li key={h.seq}>
                      <Text>{(HISTORY[h.action] ?? (() => h.action))(h.data)}</Text>
                      <Text size={200} className={styles.when} block>
                        {formatDateTime(h.at)}{h.actorName ? ` · by ${h.actorName}` : ''}
                      </Text>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </>
        )}
      </DrawerBody>
      {m && detail && actionsFor(m).length > 0 && (
        <DrawerFooter className={styles.footer}>
          {actionsFor(m).map((a) => (
            <Button key={a} appearance={a === 'remove' ? 'outline' : 'secondary'} size="small" onClick={() => onAction(a, detail)}>
              {ACTION_LABELS[a]}
            </Button>
          ))}
        </DrawerFooter>
      )}
    </OverlayDrawer>
  );
}
