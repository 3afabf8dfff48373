/**
 * The member list's query (search, filters, order, page size) and its opaque `next` cursor. The cursor names the
 * order it was made for, so a cursor from one order is refused in another instead of skipping or repeating rows.
 */
import { z } from 'zod';
import { errors } from '../errors';
import { findUnencodableText } from '../http/text';
import type { MemberFilter, MemberPageQuery, MemberSort } from '../store';
import { TIME_KEY } from '../store/memberQuery';

export const memberStates = ['invited', 'registered', 'verified', 'removed', 'blocked'] as const;
const sorts = ['name', 'email', 'joined', 'lastLogin'] as const;

export const memberFilterQuery = z.strictObject({
  q: z.string().max(100).optional().describe('Start of the name, of its last word, or of the email (any case).'),
  type: z.enum(['pro', 'guest']).optional(),
  role: z.enum(['admin', 'user_manager', 'none']).optional(),
  status: z
    .enum(memberStates)
    .optional()
    .describe('invited; registered (active, no 2-step); verified (active with 2-step); removed; blocked.'),
  sort: z.enum(sorts).default('name'),
  direction: z.enum(['asc', 'desc']).default('asc'),
});

export const memberListQuery = memberFilterQuery.extend({
  limit: z.coerce.number().int().min(1).max(500).default(500),
  cursor: z.string().max(600).optional().describe('The `next` of the previous page, with the same sort and direction.'),
});

export type MemberFilterQuery = z.infer<typeof memberFilterQuery>;

interface CursorBody {
  s: MemberSort;
  d: 'asc' | 'desc';
  k: string;
  a: string;
}

export function encodeMemberCursor(query: { sort: MemberSort; direction: 'asc' | 'desc' }, last: { sortKey: string; accountId: string }): string {
  const body: CursorBody = { s: query.sort, d: query.direction, k: last.sortKey, a: last.accountId };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

function decodeMemberCursor(cursor: string, query: { sort: MemberSort; direction: 'asc' | 'desc' }): { key: string; accountId: string } {
  const invalid = () => errors.invalidCursor();
  let body: Partial<CursorBody>;
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CursorBody>;
  } catch {
    throw invalid();
  }
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  if (typeof body !== 'object' || body === null || body.s !== query.sort || body.d !== query.direction) throw invalid();
  // The cursor is decoded after the boundary's text check, so its text is checked here: a NUL never reaches SQL.
  if (findUnencodableText(body) !== null) throw invalid();
  if (typeof body.k !== 'string' || body.k.length > 400 || typeof body.a !== 'string' || !uuid.test(body.a)) throw invalid();
  if ((query.sort === 'joined' || query.sort === 'lastLogin') && !TIME_KEY.test(body.k)) throw invalid();
  return { key: body.k, accountId: body.a };
}

export function toMemberFilter(query: MemberFilterQuery): MemberFilter {
  return { search: query.q?.trim() || undefined, type: query.type, role: query.role, state: query.status };
}

export function toMemberPageQuery(query: z.infer<typeof memberListQuery>): MemberPageQuery {
  return {
    ...toMemberFilter(query),
    sort: query.sort,
    direction: query.direction,
    limit: query.limit,
    after: query.cursor ? decodeMemberCursor(query.cursor, query) : undefined,
  };
}
