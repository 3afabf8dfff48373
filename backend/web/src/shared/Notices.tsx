/** Small pieces pages share: the error bar for a failed request and the centred "working on it" state. */
import { makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Spinner, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  loading: { padding: `${tokens.spacingVerticalXXXL} 0` },
});

export function ErrorNotice({ title, children }: { title?: string; children: ReactNode }) {
  return (
    <MessageBar intent="error" politeness="assertive" layout="multiline">
      <MessageBarBody>
        {title && <MessageBarTitle>{title}</MessageBarTitle>}
        {children}
      </MessageBarBody>
    </MessageBar>
  );
}

export function Loading({ label }: { label: string }) {
  const styles = useStyles();
  return <Spinner className={styles.loading} size="medium" label={label} labelPosition="below" />;
}
