/**
 * The signature requests on one message, as the reader may see them: its sender sees every request (the status of
 * each signer), a signer only the requests they sign. Someone who is no party to the message hears it does not exist.
 */
import type { Actor } from '../auth/actor';
import type { AppDeps } from '../deps';
import { allows, authorize } from '../policies/authorize';
import { presentLoaded } from './signatureRequests';
import { subjectOf } from './signatureAccess';

export async function listRequestsOfMessage(deps: AppDeps, actor: Actor, messageId: string) {
  const message = await deps.store.messages.findById(actor.organization.id, messageId);
  const recipient = message ? ((await deps.store.messages.recipients(message.id)).find((r) => r.accountId === actor.account.id) ?? null) : null;
  // as a party, whatever became of the message since: a recalled message still shows its voided requests
  authorize(actor, 'messages.open', { message, recipient, unavailable: [] });
  const requests = [];
  for (const request of await deps.store.signatures.forMessage(actor.organization.id, message!.id)) {
    const signers = await deps.store.signatures.signers(request.id);
    if (!allows(actor, 'signatures.read', subjectOf({ request, signers }))) continue;
    requests.push(await presentLoaded(deps, actor, { request, signers, fields: await deps.store.signatures.fields(request.id), messageExpiresAt: message!.expiresAt }));
  }
  return { requests };
}
