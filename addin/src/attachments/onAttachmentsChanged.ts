/**
 * The OnMessageAttachmentsChanged handler (Mailbox 1.11: Outlook on the web, new and classic Outlook on Windows, new
 * Outlook on Mac; "Supported events", learn.microsoft.com/office/dev/add-ins/develop/event-based-activation): when
 * the message will be sent securely and a credential is at hand, upload what was added, so that Send only confirms.
 * It reconciles the whole list rather than trusting the event's attachmentDetails, which covers one attachment.
 * It never blocks anything and completes once, whatever happens; a failed upload is simply redone at Send. Outlook
 * ends an event-based handler after about 300 seconds or when the compose window closes ("Event-based activation
 * behavior and limitations", learn.microsoft.com/office/dev/add-ins/outlook/autolaunch): an upload cut short that way
 * leaves no record, so Send uploads that file itself (the partial upload is swept by the backend).
 */
import type { SealpostApi } from '../api/sealpostApi';
import { itemState } from '../item/itemState';
import type { OfficeAdapter } from '../office/OfficeAdapter';
import { uploadAhead, wantsUploadAhead } from './attachmentUploads';
import { prepareForSend } from '../events/preparation';

export interface AttachmentsHandlerDeps {
  adapter: OfficeAdapter;
  completed(): void;
  apiFor(baseUrl: string): SealpostApi;
  now(): number;
}

export async function handleAttachmentsChanged(deps: AttachmentsHandlerDeps): Promise<void> {
  await prepareForSend(deps.completed, async () => {
    const state = itemState(deps.adapter.sessionData, deps.adapter.durable);
    const wanted = await wantsUploadAhead(state, deps.now());
    if (!wanted) return;
    await uploadAhead({ adapter: deps.adapter, state, api: deps.apiFor(wanted.api), token: wanted.token });
  });
}
