/** A signature request as its requester and signers see it: signers' progress, the fields, and what the viewer may do now. */
import type { SignatureRequestAnswer } from '../contract/signatures';
import type { StoredSignatureField, StoredSignatureRequest, StoredSigner } from '../store';

export interface SignatureRequestView {
  request: StoredSignatureRequest;
  /** As it stands now: an open request past its expiry is expired. */
  status: SignatureRequestAnswer['status'];
  signers: StoredSigner[];
  fields: StoredSignatureField[];
  documentName: string;
  consentText: string;
  voidReason: string | null;
  declineReasons: ReadonlyMap<string, string>;
  viewerId: string;
  viewerTurn: boolean;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function presentSignatureRequest(view: SignatureRequestView): SignatureRequestAnswer {
  const { request, signers } = view;
  const emailOf = new Map(signers.map((s) => [s.accountId, s.email]));
  const own = signers.find((s) => s.accountId === view.viewerId);
  return {
    id: request.id,
    messageId: request.messageId,
    fileId: request.fileId,
    documentName: view.documentName,
    order: request.signingOrder,
    status: view.status,
    expiresAt: iso(request.expiresAt),
    createdAt: request.createdAt.toISOString(),
    closedAt: iso(request.closedAt),
    voidReason: view.voidReason,
    completedFileId: request.completedFileId,
    signers: signers.map((s) => ({
      name: s.name,
      email: s.email,
      position: s.position,
      status: s.status,
      viewedAt: iso(s.viewedAt),
      consentedAt: iso(s.consentedAt),
      signedAt: iso(s.signedAt),
      declinedAt: iso(s.declinedAt),
      declineReason: view.declineReasons.get(s.accountId) ?? null,
    })),
    fields: view.fields.map((f) => ({
      id: f.id,
      signer: emailOf.get(f.signerId) ?? '',
      kind: f.kind,
      page: f.page,
      x: f.x,
      y: f.y,
      width: f.width,
      height: f.height,
      required: f.required,
    })),
    consentText: view.consentText,
    you: {
      requester: request.requesterId === view.viewerId,
      signer: own !== undefined,
      consented: own?.consentedAt != null,
      yourTurn: view.viewerTurn,
    },
  };
}
