/** The signed-in person, their active organization and all their memberships: the one `Me` every client reads. */
import { z } from 'zod';
import { endpoint } from './endpoint';
import { uuid } from './text';

export const roleSchema = z.enum(['admin', 'user_manager']);
export const memberTypeSchema = z.enum(['pro', 'guest']);
export const secureSendPolicySchema = z.enum(['user_choice', 'external_always']);

export const membershipSchema = z.object({
  organizationId: uuid,
  organizationName: z.string(),
  type: memberTypeSchema,
  roles: z.array(roleSchema),
  status: z.enum(['invited', 'active', 'removed', 'blocked']),
});

/** What the signed-in person may do in this organization; policies/abilities.ts answers each from the server's rules. */
export const abilitiesSchema = z
  .object({
    inviteGuests: z.boolean(),
    invitePros: z.boolean(),
    manageMembers: z.boolean().describe('The member list, member records, the export and bulk changes.'),
    readSettings: z.boolean(),
    changeSettings: z.boolean(),
    changeBranding: z.boolean(),
    buySeats: z.boolean().describe('See seats and invoices, and buy seats.'),
    readAudit: z.boolean(),
    listClients: z.boolean(),
    seeDomains: z.boolean(),
    manageDomains: z.boolean(),
    writeToAnyone: z.boolean().describe("Write to anyone, inviting newcomers; without it, only to the organization's pros."),
    forwardMessages: z.boolean(),
    recallMessages: z.boolean(),
    recallAnyMessage: z.boolean().describe("Recall any message of the organization, whoever sent it (admins)."),
    shortenExpiry: z.boolean().describe('Set an expiry sooner than the one recipients were given (without it, only later or none).'),
    requestSignatures: z.boolean().describe('Ask recipients of your messages to sign an attached PDF.'),
  })
  .describe("What the signed-in person may do in this organization, from the server's own rules: pages show actions by these.");

export const meSchema = z.object({
  account: z.object({ id: uuid, email: z.string(), name: z.string(), phone: z.string().nullable() }),
  organization: z.object({
    id: uuid,
    name: z.string(),
    secureSendPolicy: secureSendPolicySchema.describe('How the add-in sets "Send securely".'),
    noForwardingByDefault: z.boolean().describe('New messages start with "no forwarding" ticked.'),
  }),
  membership: membershipSchema,
  memberships: z.array(membershipSchema),
  abilities: abilitiesSchema,
});

export const me = {
  get: endpoint({
    method: 'get',
    path: '/api/v1/me',
    response: { status: 200, schema: meSchema, description: 'The signed-in person.' },
  }),
};

export type Me = z.output<typeof meSchema>;
export type Membership = z.output<typeof membershipSchema>;
export type Role = z.output<typeof roleSchema>;
export type Abilities = z.output<typeof abilitiesSchema>;
