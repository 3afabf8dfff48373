/**
 * The shape of one contract entry: method, path, the zod schemas of path parameters, query and JSON body, and the
 * success answer (status, schema, what the docs say of it). The backend implements each entry (http/route.ts) and
 * the clients read their types from it, so a change here shows in both at compile time. Only zod is imported.
 */
import type { z } from 'zod';

export type HttpMethod = 'get' | 'head' | 'post' | 'put' | 'patch' | 'delete';

export interface ContractResponse {
  status: number;
  /** The JSON answer; omitted when the answer has no body or is not JSON (then `contentType` names it). */
  schema?: z.ZodType;
  description: string;
  /** A non-JSON answer the handler streams itself (downloads, CSV, HTML). */
  contentType?: string;
  /** The answer's headers, for the docs. */
  headers?: Record<string, string>;
}

export interface ContractEntry {
  method: HttpMethod;
  path: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** A body that is not JSON (file chunks, a logo): described, never parsed or buffered. */
  rawBody?: { contentType: string; description: string };
  response: ContractResponse;
}

/** Keeps the literal types of an entry (its schemas above all), so routes and clients see them exactly. */
export function endpoint<const E extends ContractEntry>(entry: E): E {
  return entry;
}
