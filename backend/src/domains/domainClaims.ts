/**
 * Claiming, verifying and removing an organization's domains: each step checks the name and who else holds it,
 * writes the change and its audit event in one transaction, and explains a failed DNS check in plain words.
 */
import { randomBytes } from 'node:crypto';
import type { AppDeps } from '../deps';
import { errors } from '../errors';
import type { Actor } from '../auth/actor';
import { DomainTakenError, type OrgDomain, type Repositories } from '../store';
import { isConsumerDomain, normalizeDomain } from './domainName';
import { lookupTxt, type TxtLookup } from './txtLookup';

export const TXT_PREFIX = 'sealpost-verification=';

/** The record the organization adds to its DNS to prove it controls the domain. */
export function txtRecordFor(claim: OrgDomain): { type: 'TXT'; name: string; value: string } {
  return { type: 'TXT', name: claim.domain, value: `${TXT_PREFIX}${claim.verificationToken}` };
}

async function audit(tx: Repositories, actor: Actor, action: string, claim: OrgDomain): Promise<void> {
  await tx.audit.record(actor, action, { type: 'domain', id: claim.id }, { domain: claim.domain });
}

async function assertNotVerifiedElsewhere(deps: AppDeps, actor: Actor, domain: string): Promise<void> {
  const owner = (await deps.store.domains.verifiedOwners([domain])).get(domain);
  if (owner !== undefined && owner !== actor.organization.id) throw errors.domainTaken(domain);
}

/** Claims a domain, or returns the organization's existing claim of it unchanged (same id and token). */
export async function claimDomain(deps: AppDeps, actor: Actor, input: string): Promise<OrgDomain> {
  const domain = normalizeDomain(input);
  if (!domain) throw errors.invalidDomain(input.trim());
  if (isConsumerDomain(domain)) throw errors.consumerDomain(domain);
  await assertNotVerifiedElsewhere(deps, actor, domain);
  return deps.store.transaction(async (tx) => {
    const { record, created } = await tx.domains.create({
      organizationId: actor.organization.id,
      domain,
      verificationToken: randomBytes(16).toString('base64url'),
      createdBy: actor.account.id,
    });
    if (created) await audit(tx, actor, 'domain.claimed', record);
    return record;
  });
}

function quoted(values: string[]): string {
  const shown = values.slice(0, 5).map((v) => `"${v.length > 100 ? `${v.slice(0, 100)}…` : v}"`);
  return values.length > 5 ? `${shown.join(', ')} and ${values.length - 5} more` : shown.join(', ');
}

function explainFailure(claim: OrgDomain, lookup: TxtLookup): string {
  const { name, value } = txtRecordFor(claim);
  const expected = `We looked for a TXT record at ${name} with the value ${value}`;
  const retry = 'DNS changes can take a while to reach everyone; try again in a few minutes.';
  switch (lookup.outcome) {
    case 'answered':
      if (lookup.values.length === 0) return `${expected}, but ${name} has no TXT records yet. Add the record, then try again. ${retry}`;
      return `${expected}, but found only ${quoted(lookup.values)}. Add the record exactly as shown. ${retry}`;
    case 'none':
      return `${expected}, but ${name} has no TXT records yet. Add the record, then try again. ${retry}`;
    case 'timeout':
      return `${expected}, but the DNS lookup timed out, so we could not check. Try again in a few minutes.`;
    case 'failed':
      return `${expected}, but the DNS server could not answer (${lookup.code}), so we could not check. Try again in a few minutes.`;
  }
}

/** Proves a claim with its TXT record. The DNS lookup happens outside any transaction: it may take seconds. */
export async function verifyDomain(deps: AppDeps, actor: Actor, id: string): Promise<OrgDomain> {
  const claim = await deps.store.domains.findForOrganization(actor.organization.id, id);
  if (!claim) throw errors.notFound('That domain');
  if (claim.verifiedAt) return claim;
  await assertNotVerifiedElsewhere(deps, actor, claim.domain);

  const record = txtRecordFor(claim);
  const lookup = await lookupTxt(claim.domain, deps.config.dnsServers);
  if (lookup.outcome !== 'answered' || !lookup.values.includes(record.value)) {
    throw errors.verificationFailed(explainFailure(claim, lookup), {
      expected: record,
      found: lookup.outcome === 'answered' ? lookup.values : [],
      lookup: lookup.outcome,
    });
  }
  try {
    return await deps.store.transaction(async (tx) => {
      const verified = await tx.domains.markVerified(actor.organization.id, id);
      if (!verified) throw errors.notFound('That domain'); // removed while we were asking DNS
      await audit(tx, actor, 'domain.verified', verified);
      return verified;
    });
  } catch (err) {
    // Another organization verified it between our check and this write; the unique index decided.
    if (err instanceof DomainTakenError) throw errors.domainTaken(claim.domain);
    throw err;
  }
}

/** Withdraws a claim; a verified domain becomes free for another organization to verify. */
export async function removeDomain(deps: AppDeps, actor: Actor, id: string): Promise<void> {
  await deps.store.transaction(async (tx) => {
    const removed = await tx.domains.remove(actor.organization.id, id);
    if (!removed) throw errors.notFound('That domain');
    await audit(tx, actor, 'domain.removed', removed);
  });
}
