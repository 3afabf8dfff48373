/** The pane's top bar: the Sealpost mark and, when signed in, the account menu (who, which organization, portal, sign out). */
import { Avatar, Button, makeStyles, Menu, MenuDivider, MenuGroupHeader, MenuItem, MenuItemLink, MenuList, MenuPopover, MenuTrigger, Text, tokens } from '@fluentui/react-components';
import { LockClosed20Filled, Open16Regular, SignOut20Regular } from '@fluentui/react-icons';
import type { Me } from '@contract/me';

const useStyles = makeStyles({
  bar: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
  },
  brand: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, fontWeight: tokens.fontWeightSemibold, letterSpacing: '0.03em' },
  account: { color: tokens.colorNeutralForegroundOnBrand, maxWidth: '60%' },
  org: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
});

export function AccountHeader({ me, portalUrl, onSignOut }: { me: Me | null; portalUrl: string; onSignOut(): void }) {
  const styles = useStyles();
  return (
    <header className={styles.bar}>
      <span className={styles.brand}>
        <LockClosed20Filled aria-hidden />
        Sealpost
      </span>
      {me && (
        <Menu>
          <MenuTrigger disableButtonEnhancement>
            <Button
              appearance="transparent"
              className={styles.account}
              // No aria-label: the name comes from what is shown (the avatar reads as the person's name, then the
              // organization), so speech and sight agree (WCAG 2.5.3, label in name).
              icon={<Avatar size={24} name={me.account.name} color="colorful" />}
            >
              <Text className={styles.org}>{me.organization.name}</Text>
            </Button>
          </MenuTrigger>
          <MenuPopover>
            <MenuList>
              <MenuGroupHeader>
                {me.account.name} · {me.account.email}
              </MenuGroupHeader>
              <MenuGroupHeader>
                {me.organization.name} ({me.membership.type})
              </MenuGroupHeader>
              <MenuDivider />
              <MenuItemLink href={portalUrl} target="_blank" rel="noreferrer" icon={<Open16Regular />}>
                Open the Sealpost portal
              </MenuItemLink>
              <MenuItem icon={<SignOut20Regular />} onClick={onSignOut}>
                Sign out
              </MenuItem>
            </MenuList>
          </MenuPopover>
        </Menu>
      )}
    </header>
  );
}
