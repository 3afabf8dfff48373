/**
 * Members as SCIM Users (RFC 7643 §4.1) and the discovery documents a directory reads first: what the service
 * supports, its one resource type, and the User schema as Sealpost keeps it (userType: "pro" or "guest").
 */
import { SCIM, SCIM_MAX_OPERATIONS, SCIM_MAX_PAGE, type ScimUser } from '../contract/scim';
import type { ScimUserRow } from '../store';

export function presentScimUser(row: ScimUserRow, baseUrl: string): ScimUser {
  return {
    schemas: [SCIM.user],
    id: row.accountId,
    ...(row.externalId ? { externalId: row.externalId } : {}),
    userName: row.email,
    name: { ...(row.givenName ? { givenName: row.givenName } : {}), ...(row.familyName ? { familyName: row.familyName } : {}), formatted: row.name },
    displayName: row.name,
    // invited people count as active: they are provisioned and may register; removed and blocked ones are not
    active: row.status === 'active' || row.status === 'invited',
    userType: row.type,
    emails: [{ value: row.email, type: 'work', primary: true }],
    meta: {
      resourceType: 'User',
      created: row.createdAt.toISOString(),
      lastModified: row.updatedAt.toISOString(),
      location: `${baseUrl}/scim/v2/Users/${row.accountId}`,
    },
  };
}

export function presentScimList(page: { total: number; startIndex: number; rows: ScimUserRow[] }, baseUrl: string) {
  return {
    schemas: [SCIM.listResponse],
    totalResults: page.total,
    startIndex: page.startIndex,
    itemsPerPage: page.rows.length,
    Resources: page.rows.map((row) => presentScimUser(row, baseUrl)),
  };
}

export function presentServiceProviderConfig(baseUrl: string) {
  return {
    schemas: [SCIM.serviceProviderConfig],
    documentationUri: `${baseUrl}/api/openapi.json`,
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: SCIM_MAX_PAGE },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      { type: 'oauthbearertoken', name: 'API token', description: `An organization API token with the scim scope; PATCH takes at most ${SCIM_MAX_OPERATIONS} operations.`, primary: true },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${baseUrl}/scim/v2/ServiceProviderConfig` },
  };
}

export function presentResourceTypes(baseUrl: string) {
  return {
    schemas: [SCIM.listResponse],
    totalResults: 1,
    Resources: [
      {
        schemas: [SCIM.resourceType],
        id: 'User',
        name: 'User',
        endpoint: '/Users',
        schema: SCIM.user,
        meta: { resourceType: 'ResourceType', location: `${baseUrl}/scim/v2/ResourceTypes/User` },
      },
    ],
  };
}

const attribute = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  type: 'string',
  multiValued: false,
  required: false,
  caseExact: false,
  mutability: 'readWrite',
  returned: 'default',
  uniqueness: 'none',
  ...extra,
});

export function presentSchemas(baseUrl: string) {
  return {
    schemas: [SCIM.listResponse],
    totalResults: 1,
    Resources: [
      {
        schemas: [SCIM.schema],
        id: SCIM.user,
        name: 'User',
        description: 'A member of the organization.',
        attributes: [
          attribute('userName', { required: true, uniqueness: 'server', mutability: 'immutable', description: 'The email address.' }),
          attribute('externalId', { caseExact: true }),
          attribute('displayName'),
          { ...attribute('name'), type: 'complex', subAttributes: [attribute('givenName'), attribute('familyName'), attribute('formatted')] },
          attribute('active', { type: 'boolean', description: 'false removes the member; removal is final.' }),
          attribute('userType', { canonicalValues: ['pro', 'guest'], description: '"pro" (Entra\'s "Member" is read as pro) or "guest".' }),
        ],
        meta: { resourceType: 'Schema', location: `${baseUrl}/scim/v2/Schemas/${SCIM.user}` },
      },
    ],
  };
}
