/**
 * SCIM 2.0 provisioning (RFC 7643/7644) under /scim/v2, called by a directory (Microsoft Entra ID first) with an
 * organization API token of scope `scim`. Users are the organization's members: userName is the email address,
 * `userType` says pro or guest, `active: false` removes the member. Bodies are read leniently where Entra is
 * (a boolean may come as "True"/"False", attributes Sealpost does not keep are ignored) and bounded everywhere.
 */
import { z } from 'zod';
import { endpoint } from './endpoint';

export const SCIM = {
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  listResponse: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  patchOp: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
  error: 'urn:ietf:params:scim:api:messages:2.0:Error',
  serviceProviderConfig: 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig',
  resourceType: 'urn:ietf:params:scim:schemas:core:2.0:ResourceType',
  schema: 'urn:ietf:params:scim:schemas:core:2.0:Schema',
} as const;

/** Most operations one PATCH may carry, and the longest filter read: a directory never needs more. */
export const SCIM_MAX_OPERATIONS = 50;
export const SCIM_MAX_FILTER = 300;
/** Most users one page of a list holds, whatever `count` asks. */
export const SCIM_MAX_PAGE = 200;

/** Entra sends booleans as JSON booleans or as the strings "True"/"False" (any case). */
export const scimBoolean = z.union([z.boolean(), z.string().regex(/^(true|false)$/i, 'is not true or false').transform((s) => s.toLowerCase() === 'true')]);

const shortText = (max: number) => z.string().max(max);

const nameSchema = z.object({
  givenName: shortText(100).nullish(),
  familyName: shortText(100).nullish(),
  formatted: shortText(200).nullish(),
});

export const scimUserInput = z.object({
  schemas: z.array(shortText(200)).max(10).optional(),
  userName: shortText(320).min(1),
  externalId: shortText(200).nullish(),
  name: nameSchema.optional(),
  displayName: shortText(200).nullish(),
  active: scimBoolean.optional(),
  userType: shortText(40).nullish().describe('"pro" (or Entra\'s "Member") for staff on a seat, "guest" for a guest; absent: the domain policy decides.'),
  emails: z.array(z.object({ value: shortText(320), type: shortText(40).optional(), primary: scimBoolean.optional() })).max(10).optional(),
});

export const scimPatchInput = z.object({
  schemas: z.array(shortText(200)).max(10).optional(),
  Operations: z
    .array(z.object({ op: shortText(20), path: shortText(200).optional(), value: z.unknown().optional() }))
    .min(1)
    .max(SCIM_MAX_OPERATIONS),
});

export const scimUserSchema = z.object({
  schemas: z.array(z.string()),
  id: z.string().uuid(),
  externalId: z.string().optional(),
  userName: z.string(),
  name: z.object({ givenName: z.string().optional(), familyName: z.string().optional(), formatted: z.string() }),
  displayName: z.string(),
  active: z.boolean().describe('False once the member is removed (removal is final).'),
  userType: z.enum(['pro', 'guest']),
  emails: z.array(z.object({ value: z.string(), type: z.string(), primary: z.boolean() })),
  meta: z.object({ resourceType: z.literal('User'), created: z.string().datetime(), lastModified: z.string().datetime(), location: z.string() }),
});

const userParams = z.strictObject({ userId: z.string().max(100) });

/** Discovery documents are fixed JSON; their schema says only what every one of them carries. */
const discoverySchema = z.object({ schemas: z.array(z.string()) }).passthrough();

export const scim = {
  serviceProviderConfig: endpoint({
    method: 'get',
    path: '/scim/v2/ServiceProviderConfig',
    response: { status: 200, schema: discoverySchema, description: 'What this SCIM service supports (PATCH, filter; no bulk, sort or etags).' },
  }),
  resourceTypes: endpoint({
    method: 'get',
    path: '/scim/v2/ResourceTypes',
    response: { status: 200, schema: discoverySchema, description: 'The one resource type: User.' },
  }),
  schemas: endpoint({
    method: 'get',
    path: '/scim/v2/Schemas',
    response: { status: 200, schema: discoverySchema, description: 'The User schema as Sealpost keeps it.' },
  }),
  listUsers: endpoint({
    method: 'get',
    path: '/scim/v2/Users',
    query: z.object({
      filter: shortText(SCIM_MAX_FILTER).optional().describe('Only `userName eq "…"` or `externalId eq "…"`.'),
      startIndex: z.coerce.number().int().min(-2_147_483_648).max(2_147_483_647).default(1).describe('1-based; below 1 reads as 1.'),
      count: z.coerce.number().int().min(-2_147_483_648).max(2_147_483_647).default(100).describe(`At most ${SCIM_MAX_PAGE}; below 0 reads as 0.`),
    }),
    response: {
      status: 200,
      schema: z.object({
        schemas: z.array(z.string()),
        totalResults: z.number().int(),
        startIndex: z.number().int(),
        itemsPerPage: z.number().int(),
        Resources: z.array(scimUserSchema),
      }),
      description: 'One page of the matching users.',
    },
  }),
  getUser: endpoint({
    method: 'get',
    path: '/scim/v2/Users/:userId',
    params: userParams,
    response: { status: 200, schema: scimUserSchema, description: 'The user.' },
  }),
  createUser: endpoint({
    method: 'post',
    path: '/scim/v2/Users',
    body: scimUserInput,
    response: { status: 201, schema: scimUserSchema, description: 'Invited, or an active member at once where the organization\'s single sign-on covers the address.' },
  }),
  replaceUser: endpoint({
    method: 'put',
    path: '/scim/v2/Users/:userId',
    params: userParams,
    body: scimUserInput,
    response: { status: 200, schema: scimUserSchema, description: 'The user after the change.' },
  }),
  patchUser: endpoint({
    method: 'patch',
    path: '/scim/v2/Users/:userId',
    params: userParams,
    body: scimPatchInput,
    response: { status: 200, schema: scimUserSchema, description: 'The user after the change.' },
  }),
  deleteUser: endpoint({
    method: 'delete',
    path: '/scim/v2/Users/:userId',
    params: userParams,
    response: { status: 204, description: 'Removed from the organization: sessions ended at once; removal is final.' },
  }),
};

export type ScimUser = z.output<typeof scimUserSchema>;
export type ScimUserInput = z.output<typeof scimUserInput>;
export type ScimPatchInput = z.output<typeof scimPatchInput>;
