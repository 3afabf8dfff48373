/** An organization's claimed domains: claim, list, verify by DNS TXT record, remove. */
import { claimDomain, removeDomain, verifyDomain } from '../../domains/domainClaims';
import { contract } from '../../contract';
import { defineRoute } from '../../http/route';
import { authorize } from '../../policies/authorize';
import { presentDomain } from '../../presenters/domains';

export const domainRoutes = [
  defineRoute(contract.domains.claim, {
    tag: 'domains',
    summary:
      'Claim a domain for your organization (admins). Answers the TXT record to add. Claiming a domain you already claimed answers that claim again, unchanged.',
    auth: 'session',
    errors: ['invalid_request', 'invalid_domain', 'consumer_domain', 'domain_taken', 'forbidden'],
    async handler({ actor, body, deps }) {
      authorize(actor, 'domains.manage');
      return presentDomain(await claimDomain(deps, actor, body.domain));
    },
  }),
  defineRoute(contract.domains.list, {
    tag: 'domains',
    summary: "Your organization's claimed domains, pending and verified (admins and user managers).",
    auth: 'session',
    errors: ['forbidden'],
    async handler({ actor, deps }) {
      authorize(actor, 'domains.list');
      const claims = await deps.store.domains.listForOrganization(actor.organization.id);
      return { domains: claims.map(presentDomain) };
    },
  }),
  defineRoute(contract.domains.verify, {
    tag: 'domains',
    summary: "Check the domain's DNS for its TXT record (admins). Verifying a verified domain answers it unchanged.",
    auth: 'session',
    errors: ['invalid_request', 'not_found', 'verification_failed', 'domain_taken', 'forbidden'],
    async handler({ actor, params, deps }) {
      authorize(actor, 'domains.manage');
      return presentDomain(await verifyDomain(deps, actor, params.domainId));
    },
  }),
  defineRoute(contract.domains.remove, {
    tag: 'domains',
    summary: 'Remove a claimed domain (admins); a verified domain becomes free for others to claim.',
    auth: 'session',
    errors: ['invalid_request', 'not_found', 'forbidden'],
    async handler({ actor, params, deps }) {
      authorize(actor, 'domains.manage');
      await removeDomain(deps, actor, params.domainId);
    },
  }),
];
