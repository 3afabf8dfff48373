/** An organization's claimed domains: claim, list, verify by DNS TXT record, remove. */
import { z } from 'zod';
import { endpoint } from './endpoint';
import { uuid } from './text';

/** The longest domain name DNS allows. */
export const DOMAIN_MAX = 253;

export const domainSchema = z.object({
  id: uuid,
  domain: z.string().describe('Lower-case ASCII; internationalized names in punycode (xn--…).'),
  status: z.enum(['pending', 'verified']),
  txtRecord: z
    .object({ type: z.literal('TXT'), name: z.string(), value: z.string() })
    .describe('Add this record to the DNS of the domain, then ask to verify.'),
  createdAt: z.string().describe('ISO 8601'),
  verifiedAt: z.string().nullable().describe('ISO 8601; null while pending.'),
});

const domainParams = z.strictObject({ domainId: uuid });

export const domains = {
  claim: endpoint({
    method: 'post',
    path: '/api/v1/domains',
    body: z.strictObject({
      domain: z
        .string()
        .trim()
        .min(1)
        .max(DOMAIN_MAX)
        .describe("The domain of your organization's email addresses, e.g. example.com. Unicode names are stored as punycode."),
    }),
    // 200 rather than 201: the same request answers the same claim whether or not this call created it.
    response: { status: 200, schema: domainSchema, description: 'The claim, with the TXT record that proves it.' },
  }),
  list: endpoint({
    method: 'get',
    path: '/api/v1/domains',
    response: { status: 200, schema: z.object({ domains: z.array(domainSchema) }), description: 'Claims, oldest first.' },
  }),
  verify: endpoint({
    method: 'post',
    path: '/api/v1/domains/:domainId/verify',
    params: domainParams,
    response: { status: 200, schema: domainSchema, description: 'The domain, verified.' },
  }),
  remove: endpoint({
    method: 'delete',
    path: '/api/v1/domains/:domainId',
    params: domainParams,
    response: { status: 204, description: 'Removed.' },
  }),
};

export type Domain = z.output<typeof domainSchema>;
