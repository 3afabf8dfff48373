/**
 * The frame around every portal view: a skip link, the top bar in the organization's colours (its logo and name,
 * switcher, account menu), the navigation (New message, Inbox, Sent) and the main area, which takes focus when the
 * view changes.
 */
import { Button, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { Compose20Regular, MailInbox20Regular, People20Regular, Send20Regular } from '@fluentui/react-icons';
import { useEffect, useRef, type ReactNode } from 'react';
import { paths, PortalLink, useNavigation, type Route } from '../router';
import { AccountMenu } from './AccountMenu';
import { useBranding } from './useBranding';
import { useMe } from '../session';
import iconUrl from '../../../../../assets/icon.svg';

const useStyles = makeStyles({
  page: { minHeight: '100vh', display: 'flex', flexDirection: 'column', backgroundColor: '#eef3f3', color: tokens.colorNeutralForeground1 },
  skip: {
    position: 'absolute',
    left: '-10000px',
    top: '8px',
    zIndex: 10,
    padding: '8px 12px',
    backgroundColor: tokens.colorNeutralBackground1,
    ':focus': { left: '8px' },
  },
  bar: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    padding: `0 ${tokens.spacingHorizontalL}`,
    minHeight: '56px',
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
    boxShadow: tokens.shadow4,
  },
  brand: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400 },
  mark: { backgroundColor: '#ffffff', borderRadius: tokens.borderRadiusMedium, padding: '2px' },
  logo: { backgroundColor: '#ffffff', borderRadius: tokens.borderRadiusMedium, padding: '2px', maxHeight: '36px', maxWidth: '160px', objectFit: 'contain' },
  spacer: { flexGrow: 1 },
  body: {
    display: 'flex',
    gap: tokens.spacingHorizontalXL,
    padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalXL}`,
    width: '100%',
    maxWidth: '1180px',
    boxSizing: 'border-box',
    margin: '0 auto',
    flexGrow: 1,
    '@media (max-width: 760px)': { flexDirection: 'column', padding: tokens.spacingHorizontalM, gap: tokens.spacingVerticalM },
  },
  nav: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    width: '200px',
    flexShrink: 0,
    '@media (max-width: 760px)': { flexDirection: 'row', flexWrap: 'wrap', width: 'auto', alignItems: 'center' },
  },
  compose: { marginBottom: tokens.spacingVerticalM, '@media (max-width: 760px)': { marginBottom: 0 } },
  navList: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'inherit', gap: tokens.spacingVerticalXXS },
  navLink: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    color: tokens.colorNeutralForeground1,
    textDecorationLine: 'none',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover, textDecorationLine: 'none', color: tokens.colorNeutralForeground1 },
  },
  navActive: {
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorBrandForeground1,
    fontWeight: tokens.fontWeightSemibold,
    boxShadow: tokens.shadow2,
    ':hover': { color: tokens.colorBrandForeground1 },
  },
  main: {
    flexGrow: 1,
    minWidth: 0,
    boxSizing: 'border-box',
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusXLarge,
    boxShadow: tokens.shadow4,
    padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalXXL}`,
    ':focus': { outlineStyle: 'none' },
    '@media (max-width: 760px)': { padding: tokens.spacingHorizontalL },
  },
});

function NavItem({ to, active, icon, children }: { to: string; active: boolean; icon: ReactNode; children: ReactNode }) {
  const styles = useStyles();
  return (
    <li>
      <PortalLink to={to} className={mergeClasses(styles.navLink, active && styles.navActive)} aria-current={active ? 'page' : undefined}>
        {icon}
        {children}
      </PortalLink>
    </li>
  );
}

export function PortalShell({ route, children }: { route: Route; children: ReactNode }) {
  const styles = useStyles();
  const { navigate } = useNavigation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  const routeKey = JSON.stringify(route);

  // A new view replaces the main area: keyboard and screen-reader users start at its top.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus({ preventScroll: true });
  }, [routeKey]);

  const me = useMe();
  const branding = useBranding(me.organization.id);
  // The accent replaces the Sealpost teal, with the text colour the server chose for contrast on it.
  const barColours = branding?.accentColor && branding.accentTextColor ? { backgroundColor: branding.accentColor, color: branding.accentTextColor } : undefined;
  const box = route.view === 'list' ? route.box : null;
  return (
    <div className={styles.page}>
      <a className={styles.skip} href="#portal-main">
        Skip to content
      </a>
      <header className={styles.bar} style={barColours} data-branded={barColours ? 'true' : undefined}>
        <span className={styles.brand}>
          {branding?.logoUrl ? (
            <>
              <img className={styles.logo} src={branding.logoUrl} alt={me.organization.name} />
              Secure portal
            </>
          ) : (
            <>
              <img className={styles.mark} src={iconUrl} alt="" width={28} height={28} />
              Sealpost
            </>
          )}
        </span>
        <span className={styles.spacer} />
        <AccountMenu />
      </header>
      <div className={styles.body}>
        <nav className={styles.nav} aria-label="Mailboxes">
          <Button appearance="primary" icon={<Compose20Regular />} className={styles.compose} onClick={() => navigate(paths.compose())}>
            New message
          </Button>
          <ul className={styles.navList}>
            <NavItem to={paths.box('inbox')} active={box === 'inbox'} icon={<MailInbox20Regular />}>
              Inbox
            </NavItem>
            <NavItem to={paths.box('sent')} active={box === 'sent'} icon={<Send20Regular />}>
              Sent
            </NavItem>
            {me.abilities.listClients && (
              <NavItem to={paths.clients()} active={route.view === 'clients' || route.view === 'client'} icon={<People20Regular />}>
                Clients
              </NavItem>
            )}
          </ul>
        </nav>
        <main id="portal-main" ref={main} tabIndex={-1} className={styles.main}>
          {children}
        </main>
      </div>
    </div>
  );
}
