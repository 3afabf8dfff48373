/**
 * The audit log for admins: whether its hash chain verifies, the events newest first filtered by actor, action,
 * target and dates (on the server), older events a page at a time, and the filtered log as CSV.
 */
import { actionLabel } from './actionLabels';
import {
  Button,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { ArrowDownload20Regular } from '@fluentui/react-icons';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiProblem } from '../../shared/api';
import { api, queryString } from '../api';
import { formatDateTime, plural } from '../format';
import type { AuditEvent } from '@contract/audit';
import { ProblemBar } from '../ui';
import { RecallMessage } from './RecallMessage';

interface Verification {
  ok: boolean;
  count: number | null;
  brokenAtSeq: number | null;
  checkedAt: string;
}
interface Filters {
  actor: string;
  action: string;
  target: string;
  from: string;
  to: string;
}
const NONE: Filters = { actor: '', action: '', target: '', from: '', to: '' };
const ACTIONS: [string, string][] = [
  ['', 'Any action'],
  ['member.', 'Members: any'],
  ['member.invited', 'Member invited'],
  ['member.registered', 'Member registered'],
  ['member.type_changed', 'Type changed'],
  ['member.roles_changed', 'Roles changed'],
  ['member.removed', 'Member removed'],
  ['member.signed_out', 'Signed out everywhere'],
  ['member.two_step_reset', '2-step verification reset'],
  ['invitation.', 'Invitations: any'],
  ['account.', 'Passwords and accounts: any'],
  ['session.', 'Sign-ins and sessions: any'],
  ['two_step.', '2-step verification: any'],
  ['domain.', 'Domains: any'],
  ['organization.', 'Organization settings: any'],
  ['seats.purchased', 'Seats bought'],
  ['seats.reduced', 'Seats reduced'],
  ['invoice.emailed', 'Invoice emailed'],
  ['message.', 'Messages: any'],
  ['message.sent', 'Message sent'],
  ['message.recalled', 'Message recalled'],
  ['file.', 'Files: any'],
  ['members.exported', 'Members exported'],
  ['audit.exported', 'Audit log exported'],
];

const useStyles = makeStyles({
  filters: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'flex-start' },
  toolbar: { display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  tableWrap: { overflowX: 'auto', borderRadius: tokens.borderRadiusLarge, boxShadow: tokens.shadow4, backgroundColor: tokens.colorNeutralBackground1 },
  table: { tableLayout: 'auto', '& td': { overflowWrap: 'anywhere', verticalAlign: 'top', paddingTop: tokens.spacingVerticalS, paddingBottom: tokens.spacingVerticalS } },
  seq: { width: '48px' },
  time: { width: '112px' },
  details: { width: '22%' },
  code: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere', color: tokens.colorNeutralForeground2 },
  sub: { color: tokens.colorNeutralForeground2, display: 'block' },
  more: { alignSelf: 'center' },
  empty: { padding: tokens.spacingVerticalXL, textAlign: 'center', backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusLarge },
});

const details = (data: Record<string, unknown>) => (Object.keys(data).length ? JSON.stringify(data) : '');

/** `canRecall`: the admin may recall any message of the organization, from the event of its sending. */
export function AuditSection({ canRecall = false }: { canRecall?: boolean }) {
  const styles = useStyles();
  const [filters, setFilters] = useState<Filters>(NONE);
  const [sent, setSent] = useState<Filters>(NONE);
  const [events, setEvents] = useState<AuditEvent[] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [verification, setVerification] = useState<Verification | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const generation = useRef(0);
  const fail = (err: unknown) => setProblem(err instanceof ApiProblem ? err : new ApiProblem(0, 'unexpected', String(err)));

  useEffect(() => {
    api.get<Verification>('/api/v1/audit/verification').then(setVerification, fail);
  }, []);
  // Text filters wait for a pause in typing; the others apply at once.
  useEffect(() => {
    const typing = filters.actor !== sent.actor || filters.target !== sent.target;
    const timer = setTimeout(() => setSent(filters), typing ? 300 : 0);
    return () => clearTimeout(timer);
  }, [filters, sent]);

  const query = (f: Filters) => ({ actor: f.actor.trim(), action: f.action, target: f.target.trim(), from: f.from, to: f.to });
  const load = useCallback(async () => {
    const mine = (generation.current += 1);
    setProblem(null);
    setEvents(null);
    try {
      const page = await api.get<{ events: AuditEvent[]; next: number | null }>(`/api/v1/audit${queryString({ ...query(sent), limit: 50 })}`);
      if (mine !== generation.current) return;
      setEvents(page.events);
      setNext(page.next);
    } catch (err) {
      if (mine === generation.current) fail(err);
    }
  }, [sent]);
  useEffect(() => {
    void load();
  }, [load]);

  const loadMore = async () => {
    if (!next) return;
    setLoadingMore(true);
    try {
      const page = await api.get<{ events: AuditEvent[]; next: number | null }>(`/api/v1/audit${queryString({ ...query(sent), limit: 50, before: next })}`);
      setEvents((shown) => [...(shown ?? []), ...page.events]);
      setNext(page.next);
    } catch (err) {
      fail(err);
    } finally {
      setLoadingMore(false);
    }
  };

  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));
  return (
    <>
      {!verification ? (
        <Spinner size="small" label="Checking the audit log's hash chain…" />
      ) : verification.ok ? (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>The audit log is intact.</MessageBarTitle>
            All {plural(verification.count ?? 0, 'event')} link to each other by hash; none was changed or removed. Checked {formatDateTime(verification.checkedAt)}.
          </MessageBarBody>
        </MessageBar>
      ) : (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>The audit log is broken at event {verification.brokenAtSeq}.</MessageBarTitle>
            That event or its link to the one before was changed or removed, so events from {verification.brokenAtSeq} on cannot be trusted.
            Your server operator can see the details with <code>npm run audit -- verify</code>.
          </MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.toolbar}>
        <div className={styles.filters} role="search" aria-label="Filter the audit log">
          <Field label="Actor"><Input value={filters.actor} maxLength={100} placeholder="Name or email" onChange={(_e, d) => set({ actor: d.value })} /></Field>
          <Field label="Action">
            <Select value={filters.action} onChange={(_e, d) => set({ action: d.value })}>
              {ACTIONS.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
            </Select>
          </Field>
          <Field label="Target"><Input value={filters.target} maxLength={200} placeholder="Person, domain or id" onChange={(_e, d) => set({ target: d.value })} /></Field>
          <Field label="From"><Input type="date" value={filters.from} onChange={(_e, d) => set({ from: d.value })} /></Field>
          <Field label="To"><Input type="date" value={filters.to} onChange={(_e, d) => set({ to: d.value })} /></Field>
        </div>
        <Button as="a" href={`/api/v1/audit/export.csv${queryString(query(sent))}`} download icon={<ArrowDownload20Regular />}>Export CSV</Button>
      </div>
      <ProblemBar problem={problem} />
      {!events && !problem ? (
        <Spinner label="Loading events…" />
      ) : events?.length === 0 ? (
        <div className={styles.empty}>
          <Text>No events match these filters.</Text> <Button appearance="transparent" onClick={() => setFilters(NONE)}>Clear filters</Button>
        </div>
      ) : events ? (
        <div className={styles.tableWrap}>
          <Table aria-label="Audit events" size="small" className={styles.table}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell className={styles.seq}>#</TableHeaderCell>
                <TableHeaderCell className={styles.time}>Time</TableHeaderCell>
                <TableHeaderCell>Actor</TableHeaderCell>
                <TableHeaderCell>Action</TableHeaderCell>
                <TableHeaderCell>Target</TableHeaderCell>
                <TableHeaderCell className={styles.details}>Details</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {events.map((e) => (
                <TableRow key={e.seq}>
                  <TableCell>{e.seq}</TableCell>
                  <TableCell>{formatDateTime(e.at)}</TableCell>
                  <TableCell>{e.actor ? <>{e.actor.name}<Text size={200} className={styles.sub}>{e.actor.email}</Text></> : 'System'}</TableCell>
                  <TableCell><span title={e.action}>{actionLabel(e.action)}</span></TableCell>
                  <TableCell>{e.target.label ?? e.target.type ?? '—'}{e.target.label && e.target.type ? <Text size={200} className={styles.sub}>{e.target.type}</Text> : null}</TableCell>
                  <TableCell>
                    <span className={styles.code}>{details(e.data)}</span>
                    {canRecall && e.action === 'message.sent' && e.target.id && (
                      <div><RecallMessage messageId={e.target.id} sender={e.actor?.name ?? 'someone'} /></div>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      ) : null}
      {next && (
        <Button className={styles.more} onClick={() => void loadMore()} disabled={loadingMore}>Show older events</Button>
      )}
    </>
  );
}
