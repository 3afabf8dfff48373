/**
 * The backend endpoints the add-in uses, typed. Tokens are passed per call so the same client serves the task
 * pane (which refreshes its session) and the Smart Alerts handler (which only holds a short-lived access token).
 */
import type { Tokens as AnyTokens, TwoStepChallenge } from '@contract/auth';
import type { Me } from '@contract/me';
import type { MessageDetail, MessageSummary, SendMessageInput, SentMessage } from '@contract/messages';
import type { Classification, RecipientInput } from '@contract/recipients';
import type { StartedUpload, UploadRequest } from '@contract/files';
import type { Http } from './http';

/** Tokens as the add-in asks for them (delivery: bearer): both tokens are in the answer. */
export type Tokens = AnyTokens & { accessToken: string; refreshToken: string };

export type SignInAnswer = Tokens | TwoStepChallenge;

export const isChallenge = (answer: SignInAnswer): answer is TwoStepChallenge => 'twoStep' in answer;

export function sealpostApi(http: Http) {
  const json = async <T>(method: string, path: string, options: Parameters<Http['request']>[2]) =>
    (await http.request<T>(method, path, options)).body;

  return {
    baseUrl: http.baseUrl,

    login: (email: string, password: string) =>
      json<SignInAnswer>('POST', '/api/v1/auth/login', { body: { email, password, delivery: 'bearer' } }),

    verifyTwoStep: (challengeToken: string, code: string) =>
      json<Tokens>('POST', '/api/v1/auth/two-step/verify', {
        // Six digits are an app code; anything longer is one of the recovery codes.
        body: /^\d{6}$/.test(code.trim())
          ? { challengeToken, code: code.trim(), delivery: 'bearer' }
          : { challengeToken, recoveryCode: code.trim(), delivery: 'bearer' },
      }),

    refresh: (refreshToken: string) => json<Tokens>('POST', '/api/v1/auth/refresh', { body: { refreshToken, delivery: 'bearer' } }),

    /**
     * A Sealpost session for a Microsoft Entra access token from nested app authentication: the organization whose
     * single sign-on covers the token's tenant (or the one named, for a person in several).
     */
    exchangeEntraToken: (accessToken: string, organizationId?: string) =>
      json<Tokens>('POST', '/api/v1/auth/entra', { body: organizationId ? { accessToken, organizationId } : { accessToken } }),

    /** A separate session for the Outlook send handler on this device (its own refresh tokens). */
    startDeviceSession: (token: string) =>
      json<Tokens>('POST', '/api/v1/auth/device-sessions', { token, body: { purpose: 'outlook_send_handler' } }),

    logout: async (token: string) => {
      await http.request('POST', '/api/v1/auth/logout', { token });
    },

    me: (token: string) => json<Me>('GET', '/api/v1/me', { token }),

    /** With includeBrand, the answer also carries the organization's brand (the send handler's notice needs it). */
    classify: (token: string, recipients: RecipientInput[], options: { includeBrand?: boolean } = {}) =>
      json<Classification>('POST', `/api/v1/recipients/classify${options.includeBrand ? '?include=brand' : ''}`, { token, body: { recipients } }),

    sendMessage: (token: string, input: SendMessageInput, idempotencyKey: string) =>
      json<SentMessage>('POST', '/api/v1/messages', { token, body: input, headers: { 'idempotency-key': idempotencyKey } }),

    /** The sender's latest sent messages, newest first. */
    sentMessages: async (token: string, limit: number) =>
      (await json<{ messages: MessageSummary[] }>('GET', `/api/v1/messages?box=sent&limit=${limit}`, { token })).messages,

    /** One message with read receipts (the sender's view). */
    sentMessage: (token: string, messageId: string) => json<MessageDetail>('GET', `/api/v1/messages/${encodeURIComponent(messageId)}`, { token }),

    recall: async (token: string, messageId: string) => {
      await http.request('POST', `/api/v1/messages/${encodeURIComponent(messageId)}/recall`, { token, body: {} });
    },

    startUpload: (token: string, file: UploadRequest) =>
      json<StartedUpload>('POST', '/api/v1/uploads', { token, body: file }),

    /** Appends bytes at `offset` (tus PATCH); resolves to the offset the server stored up to. */
    uploadChunk: async (token: string, uploadUrl: string, offset: number, bytes: Uint8Array): Promise<number> => {
      const answer = await http.request<void>('PATCH', uploadUrl, {
        token,
        bytes,
        headers: { 'content-type': 'application/offset+octet-stream', 'upload-offset': String(offset), 'tus-resumable': '1.0.0' },
      });
      return Number(answer.header('upload-offset') ?? offset + bytes.length);
    },
  };
}

export type SealpostApi = ReturnType<typeof sealpostApi>;
