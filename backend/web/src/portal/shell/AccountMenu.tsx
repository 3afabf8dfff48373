/**
 * The top bar's right side: the organization in use (a switcher when the person belongs to several) and the
 * account menu with who is signed in, the roles they hold here, the way to the admin page for those who may manage
 * the organization, their account page, and Sign out.
 */
import {
  Avatar,
  Button,
  makeStyles,
  Menu,
  MenuDivider,
  MenuGroup,
  MenuGroupHeader,
  MenuItem,
  MenuItemLink,
  MenuItemRadio,
  MenuList,
  MenuPopover,
  MenuTrigger,
  mergeClasses,
  Text,
  tokens,
} from '@fluentui/react-components';
import { Building20Regular, PersonSettings20Regular, Shield20Regular, SignOut20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import { logout, switchOrganization } from '../api/portalApi';
import { asProblem } from '../api/http';
import { paths, useNavigation } from '../router';
import { useMe, useNotify } from '../session';
import { membershipLabel } from './membershipLabel';

const useStyles = makeStyles({
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  // The bar's colours are the organization's accent (see PortalShell): text inherits the colour chosen for it, and
  // hover darkens whatever the accent is.
  onBrand: {
    color: 'inherit',
    ':hover': { color: 'inherit', backgroundColor: 'rgba(0, 0, 0, 0.12)' },
    ':hover:active': { color: 'inherit', backgroundColor: 'rgba(0, 0, 0, 0.2)' },
  },
  org: { color: 'inherit', display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  who: { display: 'flex', flexDirection: 'column', padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}` },
  email: { color: tokens.colorNeutralForeground3 },
  account: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalS, paddingLeft: tokens.spacingHorizontalXS },
  nameText: { '@media (max-width: 600px)': { display: 'none' } },
});

export function AccountMenu() {
  const styles = useStyles();
  const me = useMe();
  const notify = useNotify();
  const { navigate } = useNavigation();
  const [busy, setBusy] = useState(false);
  const organizations = me.memberships.filter((m) => m.status === 'active');
  const standing = membershipLabel(me.membership);

  const switchTo = async (organizationId: string) => {
    if (organizationId === me.organization.id || busy) return;
    setBusy(true);
    try {
      await switchOrganization(organizationId);
      window.location.assign('/portal');
    } catch (err) {
      setBusy(false);
      notify(asProblem(err).message, 'error');
    }
  };

  const signOut = async () => {
    setBusy(true);
    // Signed out or not, the sign-in page is where this ends; a failure here leaves only an expiring session.
    await logout().catch(() => undefined);
    window.location.assign('/login');
  };

  return (
    <div className={styles.row}>
      {organizations.length > 1 ? (
        <Menu
          checkedValues={{ organization: [me.organization.id] }}
          onCheckedValueChange={(_, data) => data.checkedItems[0] && void switchTo(data.checkedItems[0])}
        >
          <MenuTrigger disableButtonEnhancement>
            <Button appearance="transparent" className={styles.onBrand} icon={<Building20Regular />} title="Switch organization">
              {me.organization.name}
            </Button>
          </MenuTrigger>
          <MenuPopover>
            <MenuList>
              <MenuGroup>
                <MenuGroupHeader>Switch organization</MenuGroupHeader>
                {organizations.map((m) => (
                  <MenuItemRadio key={m.organizationId} name="organization" value={m.organizationId}>
                    {m.organizationName} ({m.type === 'pro' ? 'staff' : 'guest'})
                  </MenuItemRadio>
                ))}
              </MenuGroup>
            </MenuList>
          </MenuPopover>
        </Menu>
      ) : (
        <span className={styles.org}>
          <Building20Regular aria-hidden />
          <Text weight="semibold">{me.organization.name}</Text>
        </span>
      )}
      <Menu>
        <MenuTrigger disableButtonEnhancement>
          <Button appearance="transparent" className={mergeClasses(styles.onBrand, styles.account)} title="Your account">
            <Avatar name={me.account.name} size={28} color="neutral" aria-hidden />
            <span className={styles.nameText}>{me.account.name}</span>
          </Button>
        </MenuTrigger>
        <MenuPopover>
          <div className={styles.who}>
            <Text weight="semibold">{me.account.name}</Text>
            <Text size={200} className={styles.email}>
              {me.account.email}
            </Text>
            <Text size={200} className={styles.email}>
              {standing} · {me.organization.name}
            </Text>
          </div>
          <MenuDivider />
          <MenuList>
            {/* The admin page lets in whoever may manage members (AdminApp asks the same ability). */}
            {me.abilities.manageMembers && (
              <MenuItemLink icon={<Shield20Regular />} href="/admin">
                Admin
              </MenuItemLink>
            )}
            <MenuItem icon={<PersonSettings20Regular />} onClick={() => navigate(paths.account())}>
              Your account
            </MenuItem>
            <MenuItem icon={<SignOut20Regular />} onClick={() => void signOut()} disabled={busy}>
              Sign out
            </MenuItem>
          </MenuList>
        </MenuPopover>
      </Menu>
    </div>
  );
}
