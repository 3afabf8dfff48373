/** The member table: selectable rows, name and email, type, roles, status, sign-in and a menu of allowed actions. */
import {
  Badge,
  Button,
  Checkbox,
  makeStyles,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { MoreHorizontal20Regular } from '@fluentui/react-icons';
import { formatDate, formatDateTime, STATE_LABELS } from '../format';
import type { Member, MemberState } from '@contract/members';
import { VisuallyHidden } from '../ui';
import { ACTION_LABELS, actionsFor, type MemberAction } from './memberActions';

const useStyles = makeStyles({
  table: { backgroundColor: tokens.colorNeutralBackground1, tableLayout: 'auto' },
  select: { width: '44px' },
  nameCell: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', padding: `${tokens.spacingVerticalS} 0` },
  nameButton: { padding: 0, minWidth: 0, height: 'auto', fontWeight: tokens.fontWeightSemibold, textAlign: 'left', justifyContent: 'flex-start' },
  email: { color: tokens.colorNeutralForeground2, wordBreak: 'break-all' },
  badges: { display: 'flex', gap: tokens.spacingHorizontalXS, flexWrap: 'wrap' },
  actions: { width: '56px' },
});

const STATE_COLOR: Record<MemberState, 'informative' | 'success' | 'brand' | 'danger' | 'warning'> = {
  invited: 'warning',
  registered: 'informative',
  verified: 'success',
  removed: 'danger',
  blocked: 'danger',
};

export function StateBadge({ state }: { state: MemberState }) {
  return <Badge appearance="tint" color={STATE_COLOR[state]}>{STATE_LABELS[state]}</Badge>;
}

export function RoleBadges({ member }: { member: Member }) {
  const styles = useStyles();
  if (member.roles.length === 0) return <Text>—</Text>;
  return (
    <span className={styles.badges}>
      {member.roles.includes('admin') && <Badge appearance="outline" color="brand">Admin</Badge>}
      {member.roles.includes('user_manager') && <Badge appearance="outline" color="brand">User manager</Badge>}
    </span>
  );
}

interface Props {
  members: Member[];
  selected: Set<string>;
  onSelect: (ids: string[], on: boolean) => void;
  onOpen: (member: Member) => void;
  onAction: (member: Member, action: MemberAction) => void;
}

export function MembersTable({ members, selected, onSelect, onOpen, onAction }: Props) {
  const styles = useStyles();
  const allSelected = members.length > 0 && members.every((m) => selected.has(m.accountId));
  const someSelected = members.some((m) => selected.has(m.accountId));
  return (
    <Table className={styles.table} aria-label="Members" size="medium">
      <TableHeader>
        <TableRow>
          <TableHeaderCell className={styles.select}>
            <Checkbox
              aria-label="Select all members shown"
              checked={allSelected ? true : someSelected ? 'mixed' : false}
              onChange={(_e, d) => onSelect(members.map((m) => m.accountId), d.checked === true)}
            />
          </TableHeaderCell>
          <TableHeaderCell>Name and email</TableHeaderCell>
          <TableHeaderCell>Type</TableHeaderCell>
          <TableHeaderCell>Roles</TableHeaderCell>
          <TableHeaderCell>Status</TableHeaderCell>
          <TableHeaderCell>Last sign-in</TableHeaderCell>
          <TableHeaderCell>Joined</TableHeaderCell>
          <TableHeaderCell className={styles.actions}><VisuallyHidden>Actions</VisuallyHidden></TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {members.map((m) => {
          const actions = actionsFor(m);
          return (
            <TableRow key={m.accountId} aria-selected={selected.has(m.accountId)}>
              <TableCell>
                <Checkbox aria-label={`Select ${m.name}`} checked={selected.has(m.accountId)} onChange={(_e, d) => onSelect([m.accountId], d.checked === true)} />
              </TableCell>
              <TableCell>
                <div className={styles.nameCell}>
                  <Button appearance="transparent" className={styles.nameButton} onClick={() => onOpen(m)} aria-label={`${m.name}, open details`}>
                    {m.name}
                  </Button>
                  <Text size={200} className={styles.email}>{m.email}</Text>
                </div>
              </TableCell>
              <TableCell>{m.type === 'pro' ? 'Pro' : 'Guest'}</TableCell>
              <TableCell><RoleBadges member={m} /></TableCell>
              <TableCell><StateBadge state={m.state} /></TableCell>
              <TableCell>{formatDateTime(m.lastLoginAt)}</TableCell>
              <TableCell>{formatDate(m.joinedAt)}</TableCell>
              <TableCell>
                {actions.length > 0 && (
                  <Menu>
                    <MenuTrigger disableButtonEnhancement>
                      <Button appearance="subtle" icon={<MoreHorizontal20Regular />} aria-label={`Actions for ${m.name}`} />
                    </MenuTrigger>
                    <MenuPopover>
                      <MenuList>
                        {actions.map((a) => (
                          <MenuItem key={a} onClick={() => onAction(m, a)}>{ACTION_LABELS[a]}</MenuItem>
                        ))}
                      </MenuList>
                    </MenuPopover>
                  </Menu>
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
