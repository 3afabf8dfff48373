/**
 * The member list's query (search, filters, order, page size) and its opaque `next` cursor. The cursor names the
 * order it was made for, so a cursor from one order is refused in another instead of skipping or repeating rows.
 */
import type { z } from 'zod';
import type { memberFilterQuery, memberListQuery } from '../contract/members';
import { errors } from '../errors';
import { findUnencodableText } from '../http/text';
import type { MemberFilter, MemberPageQuery, MemberSort } from '../store';
import { TIME_KEY } from '../store/memberQuery';

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
