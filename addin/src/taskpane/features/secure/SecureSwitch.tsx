/**
 * The "Send securely" switch for this message, with a line saying what will happen on Send. Locked (on and
 * disabled, with the reason) when the organization's policy requires a secure send for these recipients.
 */
import { Caption1, makeStyles, Switch, tokens } from '@fluentui/react-components';
import { LOCKED_REASON } from '../../model/paneModel';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow2,
  },
  on: { backgroundColor: tokens.colorBrandBackground2 },
  hint: { color: tokens.colorNeutralForeground2, paddingLeft: tokens.spacingHorizontalS },
});

export interface SwitchView {
  checked: boolean;
  disabled: boolean;
  /** Why the switch cannot be changed, or null. */
  reason: string | null;
  hint: string;
}

/** What the switch shows; the component below only lays it out (tests check this without a DOM). */
export function secureSwitchView(secure: boolean, locked: boolean): SwitchView {
  const on = secure || locked;
  return {
    checked: on,
    disabled: locked,
    reason: locked ? LOCKED_REASON : null,
    hint: on
      ? 'On Send, Sealpost stores the message and attachments encrypted; Outlook sends only a link to it. The subject is not encrypted: keep it free of confidential details.'
      : 'Off: this message goes out as ordinary email.',
  };
}

export function SecureSwitch({ secure, locked = false, onChange }: { secure: boolean; locked?: boolean; onChange(on: boolean): void }) {
  const styles = useStyles();
  const view = secureSwitchView(secure, locked);
  return (
    <div className={view.checked ? `${styles.root} ${styles.on}` : styles.root}>
      <Switch
        label="Send securely"
        checked={view.checked}
        disabled={view.disabled}
        onChange={(_e, data) => onChange(data.checked)}
        aria-describedby={view.reason ? 'secure-locked secure-hint' : 'secure-hint'}
      />
      {view.reason && (
        <Caption1 id="secure-locked" className={styles.hint}>
          {view.reason}
        </Caption1>
      )}
      <Caption1 id="secure-hint" className={styles.hint}>
        {view.hint}
      </Caption1>
    </div>
  );
}
