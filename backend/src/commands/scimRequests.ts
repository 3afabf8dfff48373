/**
 * What a SCIM request asks, read into one change: the filters and PATCH operations Microsoft Entra ID sends
 * (capitalized ops such as "Replace", booleans as "False", paths like `name.givenName`, a path-less value object),
 * checked before anything is written. Attributes Sealpost does not keep (title, phone numbers, the enterprise
 * extension…) are ignored, as Entra's default mapping sends them; any other path is refused.
 */
import { cleanDisplayText, hasControlCharacters, isEncodableText } from '../contract/text';
import { SCIM, scimBoolean, type ScimPatchInput, type ScimUserInput } from '../contract/scim';
import { errors } from '../errors';
import type { MembershipType } from '../store';

export interface ScimChange {
  userName?: string;
  active?: boolean;
  type?: MembershipType;
  givenName?: string | null;
  familyName?: string | null;
  displayName?: string | null;
  externalId?: string | null;
}

export type ScimFilter = { userName: string } | { externalId: string };

const FILTER = /^\s*(userName|externalId)\s+eq\s+"((?:[^"\\]|\\.){0,320})"\s*$/i;

export function parseFilter(filter: string): ScimFilter {
  const match = FILTER.exec(filter);
  let value: unknown;
  try {
    value = match ? JSON.parse(`"${match[2]}"`) : undefined;
  } catch {
    value = undefined;
  }
  if (!match || typeof value !== 'string') {
    throw errors.scimInvalidFilter('Only the filters userName eq "…" and externalId eq "…" are supported.');
  }
  // the request's text was checked before this decoding: an escaped NUL or lone surrogate appears only now
  if (!isEncodableText(value)) throw errors.scimInvalidFilter('The filter value holds a character that cannot be stored (a NUL or half a surrogate pair).');
  return match[1]!.toLowerCase() === 'username' ? { userName: value } : { externalId: value };
}

/** Entra sends its own userType values ("Member", "Guest"); Sealpost's are "pro" and "guest". */
export function parseUserType(value: unknown): MembershipType | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const text = typeof value === 'string' ? value.trim().toLowerCase() : '';
  if (text === 'pro' || text === 'member' || text === 'staff') return 'pro';
  if (text === 'guest') return 'guest';
  throw errors.scimInvalidValue('userType must be "pro" (or "Member") for staff on a seat, or "guest".');
}

function text(value: unknown, attribute: string, max: number): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string' || value.length > max || hasControlCharacters(value)) {
    throw errors.scimInvalidValue(`${attribute} must be one line of text of at most ${max} characters.`);
  }
  return cleanDisplayText(value) || null;
}

function bool(value: unknown, attribute: string): boolean {
  const parsed = scimBoolean.safeParse(value);
  if (!parsed.success) throw errors.scimInvalidValue(`${attribute} must be true or false.`);
  return parsed.data;
}

/** Paths Entra's default mapping sends that Sealpost does not keep: accepted and ignored. */
const IGNORED = ['title', 'preferredlanguage', 'locale', 'timezone', 'nickname', 'profileurl', 'emails', 'phonenumbers', 'addresses',
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:user'];

function setAttribute(change: ScimChange, rawPath: string, value: unknown): void {
  const path = rawPath.toLowerCase().replace(`${SCIM.user.toLowerCase()}:`, '');
  switch (path) {
    case 'active':
      if (value === null || value === undefined) throw errors.scimInvalidValue('active cannot be removed; set it to true or false.');
      change.active = bool(value, 'active');
      return;
    case 'username':
      change.userName = text(value, 'userName', 320) ?? '';
      return;
    case 'displayname':
      change.displayName = text(value, 'displayName', 200);
      return;
    case 'name.givenname':
      change.givenName = text(value, 'name.givenName', 100);
      return;
    case 'name.familyname':
      change.familyName = text(value, 'name.familyName', 100);
      return;
    case 'name.formatted':
      change.displayName = text(value, 'name.formatted', 200);
      return;
    case 'name': {
      const name = (value ?? {}) as Record<string, unknown>;
      if (typeof name !== 'object' || Array.isArray(name)) throw errors.scimInvalidValue('name must be an object.');
      for (const [key, part] of Object.entries(name)) setAttribute(change, `name.${key}`, part);
      return;
    }
    case 'externalid':
      change.externalId = text(value, 'externalId', 200);
      return;
    case 'usertype':
      change.type = parseUserType(value);
      return;
    default:
      // middleName, honorificPrefix…: name parts Sealpost does not keep
      if (path.startsWith('name.')) return;
      if (IGNORED.some((p) => path === p || path.startsWith(`${p}[`) || path.startsWith(`${p}.`) || path.startsWith(`${p}:`))) return;
      throw errors.scimInvalidPath(rawPath);
  }
}

export function patchToChange(patch: ScimPatchInput): ScimChange {
  const change: ScimChange = {};
  for (const operation of patch.Operations) {
    const op = operation.op.toLowerCase();
    if (op !== 'add' && op !== 'replace' && op !== 'remove') throw errors.scimInvalidValue(`The op "${operation.op.slice(0, 20)}" is not add, replace or remove.`);
    if (op === 'remove') {
      if (!operation.path) throw errors.scimInvalidValue('A remove operation needs a path.');
      setAttribute(change, operation.path, null);
    } else if (operation.path) {
      setAttribute(change, operation.path, operation.value);
    } else {
      const value = operation.value;
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw errors.scimInvalidValue('An operation without a path needs an object of attributes as its value.');
      }
      for (const [path, part] of Object.entries(value as Record<string, unknown>)) setAttribute(change, path, part);
    }
  }
  return change;
}

/** A whole User (POST, PUT): what it says, with the name parts and type as a PATCH would set them. */
export function userToChange(user: ScimUserInput): ScimChange {
  const change: ScimChange = { userName: user.userName };
  setAttribute(change, 'userName', user.userName);
  if (user.active !== undefined) change.active = user.active;
  if (user.name) setAttribute(change, 'name', user.name);
  if (user.displayName !== undefined) change.displayName = text(user.displayName, 'displayName', 200);
  if (user.externalId !== undefined) change.externalId = text(user.externalId, 'externalId', 200);
  change.type = parseUserType(user.userType);
  return change;
}
