/** Drafts saved as they are typed, the writer's own, from any of their memberships. */
import { deleteDraft, listDrafts, saveDraft } from '../../commands/drafts';
import { contract } from '../../contract';
import { defineRoute } from '../../http/route';

export const draftRoutes = [
  defineRoute(contract.drafts.list, {
    tag: 'drafts',
    summary: 'Your drafts, newest first, including those written in an organization you no longer have access to.',
    auth: 'session',
    errors: ['forbidden'],
    async handler({ actor, deps }) {
      return { drafts: await listDrafts(deps, actor) };
    },
  }),
  defineRoute(contract.drafts.save, {
    tag: 'drafts',
    summary: 'Save a draft as it is typed (the page picks its id): created, or replaced with the newer text; sealed like messages.',
    auth: 'session',
    errors: ['forbidden', 'not_found', 'too_many_drafts'],
    async handler({ actor, params, body, deps }) {
      const updatedAt = await saveDraft(deps, actor, params.draftId, body);
      return { id: params.draftId, updatedAt: updatedAt.toISOString() };
    },
  }),
  defineRoute(contract.drafts.remove, {
    tag: 'drafts',
    summary: 'Delete one of your drafts (the page does this once the message is sent).',
    auth: 'session',
    errors: ['forbidden', 'not_found'],
    async handler({ actor, params, deps }) {
      await deleteDraft(deps, actor, params.draftId);
    },
  }),
];
