/**
 * Members of the organization: the list (searched, filtered, sorted, a page at a time), one member's details and
 * history, changes of type and roles, removal, signing out, actions on many at once, and the list as CSV.
 */
import { z } from 'zod';
import { endpoint } from './endpoint';
import { memberTypeSchema, roleSchema } from './me';
import { uuid } from './text';

/** The list counts matches no further than this: an exact count of 100,000 rows costs more than a page. */
export const MEMBER_COUNT_CAP = 10_000;
export const MAX_BULK = 100;

export const memberStates = ['invited', 'registered', 'verified', 'removed', 'blocked'] as const;
export const memberSorts = ['name', 'email', 'joined', 'lastLogin'] as const;

export const memberFilterQuery = z.strictObject({
  q: z.string().max(100).optional().describe('Start of the name, of its last word, or of the email (any case).'),
  type: memberTypeSchema.optional(),
  role: z.enum(['admin', 'user_manager', 'none']).optional(),
  status: z
    .enum(memberStates)
    .optional()
    .describe('invited; registered (active, no 2-step); verified (active with 2-step); removed; blocked.'),
  sort: z.enum(memberSorts).default('name'),
  direction: z.enum(['asc', 'desc']).default('asc'),
});

export const memberListQuery = memberFilterQuery.extend({
  limit: z.coerce.number().int().min(1).max(500).default(500),
  cursor: z.string().max(600).optional().describe('The `next` of the previous page, with the same sort and direction.'),
});

const handOverTo = uuid.describe("The active pro of the organization who takes over a removed pro's conversations; by default the person removing.");
export const removalQuery = z.strictObject({ handOverTo: handOverTo.optional() });

export const memberSchema = z.object({
  accountId: uuid,
  email: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  type: memberTypeSchema,
  roles: z.array(roleSchema),
  status: z.enum(['invited', 'active', 'removed', 'blocked']),
  twoStepVerified: z.boolean(),
  lastLoginAt: z.string().datetime().nullable(),
  state: z.enum(memberStates).describe('registered: active without 2-step; verified: with 2-step.'),
  joinedAt: z.string().datetime().describe('When the membership was created (invited or signed up).'),
  invitationId: uuid.nullable().describe('The pending invitation, while the person has not registered.'),
  abilities: z.object({
    canEditInvited: z.boolean(),
    canChangeType: z.boolean(),
    canGrantRoles: z.boolean(),
    canRemove: z.boolean(),
    canSignOutEverywhere: z.boolean(),
    canResetTwoStep: z.boolean().describe("May remove the member's 2-step verification (when they have it: twoStepVerified)."),
    canResend: z.boolean().describe('A pending invitation the viewer may send again.'),
  }),
});

export const invitationSchema = z.object({
  id: uuid,
  email: z.string(),
  name: z.string().nullable(),
  phone: z.string().nullable(),
  type: memberTypeSchema,
  status: z.enum(['invited', 'registered', 'verified', 'revoked']).describe('invited → registered → verified (2-step done); or revoked.'),
  invitedBy: z.object({ id: uuid, name: z.string() }).nullable(),
  firstSentAt: z.string().datetime(),
  lastSentAt: z.string().datetime(),
  sendCount: z.number().int(),
  expiresAt: z.string().datetime(),
  abilities: z.object({ canResend: z.boolean(), canRevoke: z.boolean(), canEdit: z.boolean() }),
});

export const memberDetailSchema = z.object({
  member: memberSchema,
  invitations: z.array(invitationSchema).describe('Invitations of this person to the organization, newest first.'),
  liveSessions: z.number().int().describe('Signed-in sessions in this organization right now.'),
  history: z.array(
    z.object({
      seq: z.number().int(),
      action: z.string().describe('Audit action, e.g. member.invited, invitation.resent, member.roles_changed.'),
      actorName: z.string().nullable(),
      at: z.string().datetime(),
      data: z.record(z.string(), z.unknown()),
    }),
  ),
});

const accountIds = z.array(uuid).min(1).max(MAX_BULK);
export const bulkResultSchema = z.object({
  accountId: uuid,
  ok: z.boolean(),
  code: z.string().nullable().describe('Why this one was not done (a stable error code); null when done.'),
  detail: z.string().nullable(),
});

const memberParams = z.strictObject({ accountId: uuid });

export const members = {
  list: endpoint({
    method: 'get',
    path: '/api/v1/members',
    query: memberListQuery,
    response: {
      status: 200,
      schema: z.object({
        members: z.array(memberSchema),
        next: z.string().nullable().describe('Cursor of the next page; null on the last page.'),
        total: z.number().int().nullable().describe(`Members matching the search and filters, counted up to ${MEMBER_COUNT_CAP}; first page only.`),
        totalIsCapped: z.boolean().describe(`True when more than ${MEMBER_COUNT_CAP} match (total is then ${MEMBER_COUNT_CAP}).`),
      }),
      description: 'One page of members, by name unless asked otherwise.',
    },
  }),
  export: endpoint({
    method: 'get',
    path: '/api/v1/members/export.csv',
    query: memberFilterQuery,
    response: { status: 200, contentType: 'text/csv', description: 'A CSV file, streamed.', headers: { 'Content-Disposition': 'attachment; filename="members-<date>.csv"' } },
  }),
  get: endpoint({
    method: 'get',
    path: '/api/v1/members/:accountId',
    params: memberParams,
    response: { status: 200, schema: memberDetailSchema, description: 'The member.' },
  }),
  bulk: endpoint({
    method: 'post',
    path: '/api/v1/members/bulk',
    body: z.discriminatedUnion('action', [
      z.strictObject({ action: z.literal('resend'), accountIds }),
      z.strictObject({ action: z.literal('remove'), accountIds, handOverTo: handOverTo.optional() }),
      z.strictObject({ action: z.literal('change_type'), accountIds, type: memberTypeSchema }),
    ]),
    response: { status: 200, schema: z.object({ results: z.array(bulkResultSchema) }), description: 'One result per member, in the order given.' },
  }),
  update: endpoint({
    method: 'patch',
    path: '/api/v1/members/:accountId',
    params: memberParams,
    body: z.strictObject({
      type: memberTypeSchema.optional(),
      roles: z.strictObject({ admin: z.boolean().optional(), userManager: z.boolean().optional() }).optional(),
    }),
    response: { status: 204, description: 'Changed.' },
  }),
  remove: endpoint({
    method: 'delete',
    path: '/api/v1/members/:accountId',
    params: memberParams,
    query: removalQuery,
    response: { status: 204, description: 'Removed.' },
  }),
  signOut: endpoint({
    method: 'post',
    path: '/api/v1/members/:accountId/sign-out',
    params: memberParams,
    response: { status: 200, schema: z.object({ sessionsEnded: z.number().int() }), description: 'Sessions ended.' },
  }),
  resetTwoStep: endpoint({
    method: 'post',
    path: '/api/v1/members/:accountId/two-step/reset',
    params: memberParams,
    response: {
      status: 200,
      schema: z.object({ sessionsEnded: z.number().int() }),
      description: '2-step verification removed and the member signed out everywhere; they set it up again at their next sign-in.',
    },
  }),
};

export type Member = z.output<typeof memberSchema>;
export type MemberState = (typeof memberStates)[number];
export type MemberDetail = z.output<typeof memberDetailSchema>;
export type MemberPage = z.output<typeof members.list.response.schema>;
export type MemberQuery = z.input<typeof memberListQuery>;
export type Invitation = z.output<typeof invitationSchema>;
export type BulkResult = z.output<typeof bulkResultSchema>;
