/** SCIM 2.0 under /scim/v2 for a directory with an API token of scope `scim`: discovery documents and Users. */
import { scimCreateUser, scimDeleteUser, scimGetUser, scimListUsers, scimPatchUser, scimReplaceUser } from '../../commands/scimProvisioning';
import { contract } from '../../contract';
import type { ErrorCode } from '../../contract/errors';
import type { AppDeps } from '../../deps';
import { defineRoute } from '../../http/route';
import { presentResourceTypes, presentSchemas, presentScimList, presentScimUser, presentServiceProviderConfig } from '../../presenters/scim';

const baseUrl = (deps: AppDeps) => deps.config.publicUrl ?? '';
const AUTH_ERRORS: ErrorCode[] = ['unauthenticated', 'invalid_api_token', 'api_token_scope'];
const CHANGE_ERRORS: ErrorCode[] = [...AUTH_ERRORS, 'not_found', 'invalid_request', 'invalid_scim_value', 'invalid_scim_path', 'immutable_attribute',
  'member_removed', 'no_seats_available', 'last_admin'];

export const scimRoutes = [
  defineRoute(contract.scim.serviceProviderConfig, {
    tag: 'scim',
    summary: 'SCIM ServiceProviderConfig: PATCH and filter supported; bulk, sort, etags and password changes not.',
    auth: 'scim',
    errors: AUTH_ERRORS,
    async handler({ deps }) {
      return presentServiceProviderConfig(baseUrl(deps));
    },
  }),
  defineRoute(contract.scim.resourceTypes, {
    tag: 'scim',
    summary: 'SCIM ResourceTypes: User.',
    auth: 'scim',
    errors: AUTH_ERRORS,
    async handler({ deps }) {
      return presentResourceTypes(baseUrl(deps));
    },
  }),
  defineRoute(contract.scim.schemas, {
    tag: 'scim',
    summary: 'SCIM Schemas: the User attributes Sealpost keeps.',
    auth: 'scim',
    errors: AUTH_ERRORS,
    async handler({ deps }) {
      return presentSchemas(baseUrl(deps));
    },
  }),
  defineRoute(contract.scim.listUsers, {
    tag: 'scim',
    summary: 'The organization\'s members as SCIM Users, filtered by userName or externalId, a page at a time.',
    auth: 'scim',
    errors: [...AUTH_ERRORS, 'invalid_filter', 'invalid_request'],
    async handler({ actor, query, deps }) {
      return presentScimList(await scimListUsers(deps, actor, query), baseUrl(deps));
    },
  }),
  defineRoute(contract.scim.getUser, {
    tag: 'scim',
    summary: 'One member as a SCIM User.',
    auth: 'scim',
    errors: [...AUTH_ERRORS, 'not_found'],
    async handler({ actor, params, deps }) {
      return presentScimUser(await scimGetUser(deps, actor, params.userId), baseUrl(deps));
    },
  }),
  defineRoute(contract.scim.createUser, {
    tag: 'scim',
    summary: 'Provision a person: invited, or an active member at once where the organization\'s single sign-on covers the address.',
    auth: 'scim',
    errors: [...CHANGE_ERRORS, 'already_member', 'already_invited', 'member_blocked', 'sending_limited', 'invalid_email'],
    async handler({ actor, body, deps, res }) {
      const user = presentScimUser(await scimCreateUser(deps, actor, body), baseUrl(deps));
      res.set('Location', user.meta.location);
      return user;
    },
  }),
  defineRoute(contract.scim.replaceUser, {
    tag: 'scim',
    summary: 'Replace a SCIM User: name, externalId, userType and active (false removes the member).',
    auth: 'scim',
    errors: CHANGE_ERRORS,
    async handler({ actor, params, body, deps }) {
      return presentScimUser(await scimReplaceUser(deps, actor, params.userId, body), baseUrl(deps));
    },
  }),
  defineRoute(contract.scim.patchUser, {
    tag: 'scim',
    summary: 'Patch a SCIM User (ops add, replace, remove in any case; Entra\'s paths and string booleans).',
    auth: 'scim',
    errors: CHANGE_ERRORS,
    async handler({ actor, params, body, deps }) {
      return presentScimUser(await scimPatchUser(deps, actor, params.userId, body), baseUrl(deps));
    },
  }),
  defineRoute(contract.scim.deleteUser, {
    tag: 'scim',
    summary: 'Remove the member: at once, sessions ended; removal is final.',
    auth: 'scim',
    errors: [...AUTH_ERRORS, 'not_found', 'last_admin'],
    async handler({ actor, params, deps }) {
      await scimDeleteUser(deps, actor, params.userId);
    },
  }),
];
