/** An organization's claimed domains: claim, list, verify by DNS TXT record, remove. */
import { z } from 'zod';
import { claimDomain, removeDomain, verifyDomain } from '../../domains/domainClaims';
import { defineRoute } from '../../http/route';
import { authorize } from '../../policies/authorize';
import { domainSchema, presentDomain } from '../../presenters/domains';
import { claimDomainBody, domainParams } from './schema';

export const domainRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/v1/domains',
    tag: 'domains',
    summary:
      'Claim a domain for your organization (admins). Answers the TXT record to add. Claiming a domain you already claimed answers that claim again, unchanged.',
    auth: 'session',
    body: claimDomainBody,
    // 200 rather than 201: the same request answers the same claim whether or not this call created it.
    response: { status: 200, schema: domainSchema, description: 'The claim, with the TXT record that proves it.' },
    errors: ['invalid_request', 'invalid_domain', 'consumer_domain', 'domain_taken', 'forbidden'],
    async handler({ actor, body, deps }) {
      authorize(actor, 'domains.manage');
      return presentDomain(await claimDomain(deps, actor, body.domain));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/domains',
    tag: 'domains',
    summary: "Your organization's claimed domains, pending and verified (admins and user managers).",
    auth: 'session',
    response: { status: 200, schema: z.object({ domains: z.array(domainSchema) }), description: 'Claims, oldest first.' },
    errors: ['forbidden'],
    async handler({ actor, deps }) {
      authorize(actor, 'domains.list');
      const claims = await deps.store.domains.listForOrganization(actor.organization.id);
      return { domains: claims.map(presentDomain) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/domains/:domainId/verify',
    tag: 'domains',
    summary: "Check the domain's DNS for its TXT record (admins). Verifying a verified domain answers it unchanged.",
    auth: 'session',
    params: domainParams,
    response: { status: 200, schema: domainSchema, description: 'The domain, verified.' },
    errors: ['invalid_request', 'not_found', 'verification_failed', 'domain_taken', 'forbidden'],
    async handler({ actor, params, deps }) {
      authorize(actor, 'domains.manage');
      return presentDomain(await verifyDomain(deps, actor, params.domainId));
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/api/v1/domains/:domainId',
    tag: 'domains',
    summary: 'Remove a claimed domain (admins); a verified domain becomes free for others to claim.',
    auth: 'session',
    params: domainParams,
    response: { status: 204, description: 'Removed.' },
    errors: ['invalid_request', 'not_found', 'forbidden'],
    async handler({ actor, params, deps }) {
      authorize(actor, 'domains.manage');
      await removeDomain(deps, actor, params.domainId);
    },
  }),
];
