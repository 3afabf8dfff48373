/** The "Send securely" switch for this message, with a line saying what will happen on Send. */
import { Caption1, makeStyles, Switch, tokens } from '@fluentui/react-components';

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

export function SecureSwitch({ secure, onChange }: { secure: boolean; onChange(on: boolean): void }) {
  const styles = useStyles();
  return (
    <div className={secure ? `${styles.root} ${styles.on}` : styles.root}>
      <Switch label="Send securely" checked={secure} onChange={(_e, data) => onChange(data.checked)} aria-describedby="secure-hint" />
      <Caption1 id="secure-hint" className={styles.hint}>
        {secure
          ? 'On Send, Sealpost stores the message and attachments encrypted; Outlook sends only a link to it.'
          : 'Off: this message goes out as ordinary email.'}
      </Caption1>
    </div>
  );
}
