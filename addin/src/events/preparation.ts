/**
 * The events that prepare for Send while the message is written (recipients or attachments changed): a failure
 * only costs time at Send, which classifies and uploads whatever is missing itself, and Outlook is told the event
 * ended exactly once, whatever happened.
 */
export async function prepareForSend(completed: () => void, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch {
    // Nothing to tell the sender: the send handler does this work again before anything leaves.
  } finally {
    completed();
  }
}
