/**
 * The admin page (/admin): who is signed in and whether they may be here (the server decides: the settings call
 * answers 403 to anyone but admins and user managers), then the frame with one tab per section. The open
 * section lives in the address (#members, #settings, #branding, #seats, #audit) so it survives a reload and can be linked.
 */
import { csrfToken } from '../shared/csrf';
import { Button, Link, makeStyles, mergeClasses, Spinner, Text, Title2, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import iconUrl from '../../../../assets/icon.svg';
import { ApiProblem } from '../shared/api';
import { ErrorNotice } from '../shared/Notices';
import { PageFrame } from '../shared/PageFrame';
import { api, LOGIN_URL } from './api';
import { AuditSection } from './audit/AuditSection';
import { BrandingSection } from './branding/BrandingSection';
import { MembersSection } from './members/MembersSection';
import { SeatsSection } from './seats/SeatsSection';
import { SettingsSection } from './settings/SettingsSection';
import type { Me } from '@contract/me';
import type { Settings } from '@contract/organization';
import { NotifyProvider } from './ui';

type Gate =
  | { kind: 'loading' }
  | { kind: 'failed'; problem: ApiProblem }
  | { kind: 'noAccess'; me: Me }
  | { kind: 'ready'; me: Me; settings: Settings };

const SECTIONS = [
  { id: 'members', label: 'Members' },
  { id: 'settings', label: 'Settings' },
  { id: 'branding', label: 'Branding' },
  { id: 'seats', label: 'Seats and invoices' },
  { id: 'audit', label: 'Audit log' },
] as const;
type SectionId = (typeof SECTIONS)[number]['id'];

const useStyles = makeStyles({
  page: { minHeight: '100vh', backgroundColor: '#eef3f3', color: tokens.colorNeutralForeground1 },
  banner: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalXL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    flexWrap: 'wrap',
  },
  brand: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, color: tokens.colorBrandForeground1, fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400 },
  org: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase400 },
  spacer: { flexGrow: 1 },
  who: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, '& form': { margin: 0 } },
  nav: { padding: `0 ${tokens.spacingHorizontalL}`, backgroundColor: tokens.colorNeutralBackground1, boxShadow: tokens.shadow2 },
  navList: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, listStyleType: 'none', margin: 0, padding: 0 },
  navLink: {
    display: 'block',
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    color: tokens.colorNeutralForeground2,
    textDecorationLine: 'none',
    borderBottom: '3px solid transparent',
    fontSize: tokens.fontSizeBase300,
    ':hover': { color: tokens.colorNeutralForeground1, borderBottomColor: tokens.colorNeutralStroke1 },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  navCurrent: {
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    borderBottomColor: tokens.colorBrandStroke1,
    ':hover': { borderBottomColor: tokens.colorBrandStroke1 },
  },
  main: { boxSizing: 'border-box', maxWidth: '1240px', margin: '0 auto', padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalXL}`, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, '& h1': { margin: 0 } },
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, '& h1, & p': { margin: 0 } },
});

function sectionFromHash(canReadAudit: boolean): SectionId {
  const id = window.location.hash.slice(1);
  const known = SECTIONS.some((s) => s.id === id) && (id !== 'audit' || canReadAudit);
  return known ? (id as SectionId) : 'members';
}

export function AdminApp() {
  const [gate, setGate] = useState<Gate>({ kind: 'loading' });

  const load = useCallback(() => {
    setGate({ kind: 'loading' });
    (async () => {
      const me = await api.get<Me>('/api/v1/me');
      if (!me.abilities.manageMembers) return setGate({ kind: 'noAccess', me });
      try {
        setGate({ kind: 'ready', me, settings: await api.get<Settings>('/api/v1/organization/settings') });
      } catch (err) {
        if (err instanceof ApiProblem && err.code === 'forbidden') setGate({ kind: 'noAccess', me });
        else throw err;
      }
    })().catch((err: unknown) => {
      // Signed out: the API client is already on its way to the sign-in page; keep showing progress.
      if (err instanceof ApiProblem && err.status === 401) return;
      setGate({ kind: 'failed', problem: err instanceof ApiProblem ? err : new ApiProblem(0, 'unexpected', 'Something went wrong on this page. Reload it and try again.') });
    });
  }, []);
  useEffect(load, [load]);

  switch (gate.kind) {
    case 'loading':
      return <PageFrame><Spinner label="Opening the admin page…" labelPosition="below" /></PageFrame>;
    case 'failed':
      return <Failed problem={gate.problem} retry={load} />;
    case 'noAccess':
      return <NoAccess me={gate.me} />;
    case 'ready':
      return <NotifyProvider><Shell me={gate.me} settings={gate.settings} onSettings={(settings) => setGate({ ...gate, settings })} /></NotifyProvider>;
  }
}

function Shell({ me, settings, onSettings }: { me: Me; settings: Settings; onSettings: (s: Settings) => void }) {
  const styles = useStyles();
  const [section, setSection] = useState<SectionId>(() => sectionFromHash(me.abilities.readAudit));
  useEffect(() => {
    const onHash = () => setSection(sectionFromHash(me.abilities.readAudit));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [me.abilities.readAudit]);
  useEffect(() => {
    document.title = `${SECTIONS.find((s) => s.id === section)!.label} · ${settings.name} admin · Sealpost`;
  }, [section, settings.name]);

  const visible = SECTIONS.filter((s) => s.id !== 'audit' || me.abilities.readAudit);
  return (
    <div className={styles.page}>
      <header className={styles.banner}>
        <span className={styles.brand}>
          <img src={iconUrl} alt="" width={28} height={28} />
          Sealpost
        </span>
        <span className={styles.org}>Admin · {settings.name}</span>
        <span className={styles.spacer} />
        <div className={styles.who}>
          <Text>{me.account.name}</Text>
          <Link href="/">Portal</Link>
          <SignOut />
        </div>
      </header>
      {/* Links rather than a tab widget: each section has its own address, and the browser's Back works. */}
      <nav className={styles.nav} aria-label="Admin sections">
        <ul className={styles.navList}>
          {visible.map((s) => (
            <li key={s.id}>
              <a href={`#${s.id}`} className={mergeClasses(styles.navLink, s.id === section && styles.navCurrent)} aria-current={s.id === section ? 'page' : undefined}>
                {s.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main className={styles.main}>
        <Title2 as="h1">{SECTIONS.find((s) => s.id === section)!.label}</Title2>
        {section === 'members' && <MembersSection invitationExpiryDays={settings.invitationExpiryDays} canInvitePros={me.abilities.invitePros} myAccountId={me.account.id} />}
        {section === 'settings' && <SettingsSection settings={settings} abilities={me.abilities} onSettings={onSettings} />}
        {section === 'branding' && <BrandingSection settings={settings} canChange={me.abilities.changeBranding} onSettings={onSettings} />}
        {section === 'seats' && <SeatsSection canBuy={me.abilities.buySeats} />}
        {section === 'audit' && <AuditSection canRecall={me.abilities.recallAnyMessage} />}
      </main>
    </div>
  );
}

/** Signing out is a form post, like the server-rendered pages, so it works the same everywhere. */
function SignOut() {
  const csrf = csrfToken() ?? '';
  return (
    <form method="post" action="/logout">
      <input type="hidden" name="_csrf" value={csrf} />
      <Button type="submit" appearance="subtle" size="small">Sign out</Button>
    </form>
  );
}

function NoAccess({ me }: { me: Me }) {
  const styles = useStyles();
  return (
    <PageFrame>
      <div className={styles.stack}>
        <Title2 as="h1">You need the admin or user manager role</Title2>
        <Text as="p" size={400}>
          The admin page of {me.organization.name} is for its admins and user managers. You are signed in as <strong>{me.account.email}</strong>.
        </Text>
        <Text as="p">Ask an admin of {me.organization.name} to give you the role if you need it.</Text>
        <Text as="p">
          <Link href="/">Go to your portal</Link> · <Link href={LOGIN_URL}>Sign in as someone else</Link>
        </Text>
      </div>
    </PageFrame>
  );
}

function Failed({ problem, retry }: { problem: ApiProblem; retry: () => void }) {
  const styles = useStyles();
  return (
    <PageFrame>
      <div className={styles.stack}>
        <Title2 as="h1">We could not open the admin page</Title2>
        <ErrorNotice>{problem.message}</ErrorNotice>
        <div>
          <Button appearance="primary" onClick={retry}>Try again</Button>
        </div>
        <Text as="p"><Link href={LOGIN_URL}>Sign in again</Link></Text>
      </div>
    </PageFrame>
  );
}
