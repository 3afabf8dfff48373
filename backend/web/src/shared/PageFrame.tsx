/** The frame every public page shares: the Sealpost mark above one centred card, and a quiet footer. */
import { makeStyles, mergeClasses, Text, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import iconUrl from '../../../../assets/icon.svg';

const useStyles = makeStyles({
  root: {
    minHeight: '100vh',
    boxSizing: 'border-box',
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    padding: `${tokens.spacingVerticalXXXL} ${tokens.spacingHorizontalL}`,
    gap: tokens.spacingVerticalXL,
    backgroundColor: '#eef3f3',
    color: tokens.colorNeutralForeground1,
  },
  brand: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    color: tokens.colorBrandForeground1,
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase500,
    letterSpacing: '0.02em',
  },
  card: {
    boxSizing: 'border-box',
    width: '100%',
    maxWidth: '480px',
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusXLarge,
    boxShadow: tokens.shadow8,
    padding: `${tokens.spacingVerticalXXL} ${tokens.spacingHorizontalXXL}`,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    // Spacing comes from the flex gaps; browser margins on headings and paragraphs would double it.
    '& h1, & p': { margin: 0 },
    // Headings get focus when a step changes (for screen readers); they are not controls, so no focus ring.
    '& h1:focus': { outlineStyle: 'none' },
  },
  wide: { maxWidth: '560px' },
  footer: { color: tokens.colorNeutralForeground3, textAlign: 'center', maxWidth: '480px' },
});

export function PageFrame({ children, wide = false }: { children: ReactNode; wide?: boolean }) {
  const styles = useStyles();
  return (
    <div className={styles.root}>
      <header className={styles.brand}>
        <img src={iconUrl} alt="" width={36} height={36} />
        <span>Sealpost</span>
      </header>
      <main className={mergeClasses(styles.card, wide && styles.wide)}>{children}</main>
      <footer className={styles.footer}>
        <Text size={200}>Sealpost keeps your messages and files encrypted. Only the people in a conversation can read it.</Text>
      </footer>
    </div>
  );
}
