/** Under a recipient whose domain imitates a trusted one: say which, so a misdirected address is caught before Send. */
import { Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { Warning16Filled } from '@fluentui/react-icons';
import type { ClassifiedRecipient } from '@contract/recipients';

const useStyles = makeStyles({
  root: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, color: tokens.colorPaletteDarkOrangeForeground1 },
});

export const lookalikeText = (lookalike: NonNullable<ClassifiedRecipient['lookalike']>) =>
  `Looks like ${lookalike.resembles} but is not. Check the address.`;

export function LookalikeWarning({ lookalike }: { lookalike: NonNullable<ClassifiedRecipient['lookalike']> | undefined }) {
  const styles = useStyles();
  if (!lookalike) return null;
  return (
    <Caption1 className={styles.root} data-testid="lookalike-warning">
      <Warning16Filled aria-hidden />
      {lookalikeText(lookalike)}
    </Caption1>
  );
}
