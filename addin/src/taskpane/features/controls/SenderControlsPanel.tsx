/** The sender controls as the pane shows them: the expiry of this message, then the latest sent messages. */
import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useEffect } from 'react';
import { ExpiryPicker } from './ExpiryPicker';
import { SentMessages } from './SentMessages';
import { useSenderControls } from './useSenderControls';

export function SenderControlsPanel({ secure }: { secure: boolean }) {
  const [state, controls] = useSenderControls();
  // Turned on after files were attached: the attachments handler skipped them, so they go now.
  useEffect(() => {
    if (secure) void controls.uploadNow(true);
  }, [secure, controls]);
  return (
    <>
      <ExpiryPicker days={state.expiryDays} disabled={!secure} onChange={(days) => void controls.setExpiry(days)} />
      {state.error && (
        <MessageBar intent="error" role="status">
          <MessageBarBody>{state.error}</MessageBarBody>
        </MessageBar>
      )}
      <SentMessages sent={state.sent} loading={state.loadingSent} onLoad={() => void controls.loadSent()} onRecall={(id) => void controls.recall(id)} />
    </>
  );
}
