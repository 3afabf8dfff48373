/**
 * The OnMessageRecipientsChanged handler's logic: when secure sending is on (or the organization's policy may
 * force it) and a credential is at hand,
 * classify the new recipient list and store it for the task pane, which shows it the next time it looks.
 * It never blocks anything; it completes once, whatever happens.
 */
import type { SealpostApi } from '../api/sealpostApi';
import { itemState } from '../item/itemState';
import type { OfficeAdapter } from '../office/OfficeAdapter';
import { classifyInput } from '../recipients/review';
import { prepareForSend } from './preparation';

export interface RecipientsHandlerDeps {
  adapter: OfficeAdapter;
  completed(): void;
  apiFor(baseUrl: string): SealpostApi;
  now(): number;
}

export async function handleRecipientsChanged(deps: RecipientsHandlerDeps): Promise<void> {
  await prepareForSend(deps.completed, async () => {
    const state = itemState(deps.adapter.sessionData, deps.adapter.durable);
    const policy = await state.policy();
    if (!(await state.isSecure()) && policy?.secureSendPolicy !== 'external_always') return;
    const credential = await state.credential();
    if (!credential || credential.expiresAt <= deps.now()) return;
    const input = classifyInput(await deps.adapter.getAllRecipients());
    const classified = input.length ? (await deps.apiFor(credential.apiBase).classify(credential.accessToken, input)).recipients : [];
    await state.setClassification(classified, deps.now());
  });
}
