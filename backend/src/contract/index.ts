/**
 * The one API contract: every endpoint of the backend by resource. The server implements each entry
 * (routes/*, through http/route.ts) and the add-in and pages read their types from it through `@contract/*`.
 * Files here import only zod, so any client can use them without pulling in server code.
 */
import { apiTokens } from './apiTokens';
import { audit } from './audit';
import { auth } from './auth';
import { clients } from './clients';
import { domains } from './domains';
import { drafts } from './drafts';
import { files } from './files';
import { health } from './health';
import { invitations } from './invitations';
import { me } from './me';
import { members } from './members';
import { messages } from './messages';
import { organization } from './organization';
import { organizations } from './organizations';
import { recipients } from './recipients';
import { registration } from './registration';
import { sso } from './sso';
import { signatures } from './signatures';
import { scim } from './scim';
import { twoStep } from './twoStep';

export const contract = {
  health, auth, twoStep, me, organizations, domains, invitations, registration, members, organization, audit, recipients, messages,
  files, clients, sso, signatures, apiTokens, scim, drafts,
};
