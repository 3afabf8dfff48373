/** A claimed email domain as pages see it: its status and the DNS TXT record that proves it. */
import { z } from 'zod';
import { txtRecordFor } from '../domains/domainClaims';
import type { OrgDomain } from '../store';

export const domainSchema = z.object({
  id: z.string().uuid(),
  domain: z.string().describe('Lower-case ASCII; internationalized names in punycode (xn--…).'),
  status: z.enum(['pending', 'verified']),
  txtRecord: z
    .object({ type: z.literal('TXT'), name: z.string(), value: z.string() })
    .describe('Add this record to the DNS of the domain, then ask to verify.'),
  createdAt: z.string().describe('ISO 8601'),
  verifiedAt: z.string().nullable().describe('ISO 8601; null while pending.'),
});

export type DomainAnswer = z.infer<typeof domainSchema>;

export function presentDomain(claim: OrgDomain): DomainAnswer {
  return {
    id: claim.id,
    domain: claim.domain,
    status: claim.verifiedAt ? 'verified' : 'pending',
    txtRecord: txtRecordFor(claim),
    createdAt: claim.createdAt.toISOString(),
    verifiedAt: claim.verifiedAt?.toISOString() ?? null,
  };
}
