/** What can be done to the selected members at once; each button counts the members it would apply to. */
import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { plural } from '../format';
import type { Member } from '@contract/members';

export interface BulkOutcome {
  done: number;
  refused: { name: string; detail: string }[];
}

const useStyles = makeStyles({
  bar: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorBrandBackground2,
    borderRadius: tokens.borderRadiusMedium,
  },
  label: { marginRight: tokens.spacingHorizontalM },
});

interface Props {
  members: Member[];
  onClear: () => void;
  onResend: (members: Member[]) => void;
  onChangeType: (members: Member[], to: 'pro' | 'guest') => void;
  onRemove: (members: Member[]) => void;
}

export function BulkBar({ members, onClear, onResend, onChangeType, onRemove }: Props) {
  const styles = useStyles();
  const resendable = members.filter((m) => m.abilities.canResend);
  const toPro = members.filter((m) => m.abilities.canChangeType && m.type === 'guest');
  const toGuest = members.filter((m) => m.abilities.canChangeType && m.type === 'pro');
  const removable = members.filter((m) => m.abilities.canRemove);
  return (
    <div className={styles.bar} role="region" aria-label="Selected members">
      <Text weight="semibold" className={styles.label}>{plural(members.length, 'member')} selected</Text>
      {resendable.length > 0 && <Button size="small" onClick={() => onResend(resendable)}>Resend invitations ({resendable.length})</Button>}
      {toPro.length > 0 && <Button size="small" onClick={() => onChangeType(toPro, 'pro')}>Make pro ({toPro.length})</Button>}
      {toGuest.length > 0 && <Button size="small" onClick={() => onChangeType(toGuest, 'guest')}>Make guest ({toGuest.length})</Button>}
      {removable.length > 0 && <Button size="small" onClick={() => onRemove(removable)}>Remove ({removable.length})</Button>}
      <Button size="small" appearance="subtle" onClick={onClear}>Clear selection</Button>
    </div>
  );
}
