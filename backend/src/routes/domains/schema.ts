/** Request shapes of the domain routes; the answer and its presenter are in presenters/domains.ts. */
import { z } from 'zod';
import { DOMAIN_MAX } from '../../domains/domainName';

export const claimDomainBody = z.strictObject({
  domain: z
    .string()
    .trim()
    .min(1)
    .max(DOMAIN_MAX)
    .describe("The domain of your organization's email addresses, e.g. example.com. Unicode names are stored as punycode."),
});

export const domainParams = z.strictObject({ domainId: z.string().uuid() });
