/**
 * Whole hostile requests for one operation of /api/openapi.json: path parameters (real ids of either organization,
 * random ids, hostile or badly percent-encoded segments), query parameters, and a body sent with Content-Length or
 * chunked, as JSON, as broken JSON, or under the wrong media type.
 */
import fc from 'fast-check';
import { DeepNesting, hostileString, hostileValue, malformedBodies, malformedSegments } from './hostile';
import type { RawRequest } from '../../testing/rawHttp';
import { fuzzBody, fuzzValue, validValue, type JsonSchema } from './schemaValues';

export interface Operation {
  /** "POST /api/v1/messages/{messageId}/forward" */
  key: string;
  method: string;
  path: string;
  parameters: { name: string; in: 'path' | 'query'; required: boolean; schema: JsonSchema }[];
  jsonBody?: JsonSchema;
  rawBodyType?: string;
  session: boolean;
}

/** Every operation of an OpenAPI document. */
export function operationsOf(openapi: { paths: Record<string, Record<string, Record<string, any>>> }): Operation[] {
  return Object.entries(openapi.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const content = (op.requestBody?.content ?? {}) as Record<string, { schema: JsonSchema }>;
      const rawType = Object.keys(content).find((type) => type !== 'application/json');
      return {
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        parameters: op.parameters ?? [],
        jsonBody: content['application/json']?.schema,
        rawBodyType: rawType,
        session: Array.isArray(op.security),
      };
    }),
  );
}

export interface FuzzRequest {
  method: string;
  /** Already encoded: what goes on the request line. */
  target: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Content-Length, or Transfer-Encoding: chunked in several pieces. */
  framing: 'length' | 'chunked';
  /** Values sent in fields that hold secrets: they must never show up in a log. */
  secrets: string[];
}

/** Known ids by parameter name (this organization's, the other one's), so some requests reach real records. */
export type IdPool = Record<string, string[]>;

/** encodeURIComponent, except that lone surrogates become the bytes a careless encoder would send (CESU-8). */
export function encodeSegment(value: string): string {
  let out = '';
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) {
      out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    } else {
      out += encodeURIComponent(char);
    }
  }
  return out;
}

function pathSegment(name: string, schema: JsonSchema, pool: IdPool): fc.Arbitrary<string> {
  const known = pool[name] ?? [];
  return fc.oneof(
    ...(known.length ? [{ weight: 4, arbitrary: fc.constantFrom(...known) }] : []),
    { weight: 2, arbitrary: validValue(schema).map((v) => encodeSegment(String(v))) },
    { weight: 2, arbitrary: hostileString.filter((s) => s.length < 5000).map(encodeSegment) },
    { weight: 2, arbitrary: fc.constantFrom(...malformedSegments) },
  );
}

const text = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value instanceof DeepNesting ? 'deep' : value));

function queryPart(name: string, schema: JsonSchema): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: validValue(schema).map((v) => `${name}=${encodeSegment(text(v))}`) },
    { weight: 3, arbitrary: fuzzValue(schema).map((v) => `${name}=${encodeSegment(text(v)).slice(0, 20_000)}`) },
    { weight: 1, arbitrary: fc.tuple(hostileString, hostileString).map(([a, b]) => `${name}=${encodeSegment(a).slice(0, 200)}&${name}=${encodeSegment(b).slice(0, 200)}`) },
    { weight: 1, arbitrary: fc.constantFrom(`${name}=%ZZ`, `${name}=%`, `${name}[]=1`, `${name}[a]=1`, `${name}=%00`, `${name}=%ED%A0%80`) },
  );
}

function query(op: Operation): fc.Arbitrary<string> {
  const parts = op.parameters.filter((p) => p.in === 'query').map((p) => fc.option(queryPart(p.name, p.schema), { nil: undefined }));
  // mostly none: an unknown key is refused at once, and the request should usually get further than that
  const extra = fc.oneof(
    { weight: 4, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constantFrom('__proto__[polluted]=1', 'constructor[prototype][x]=1', 'unknown=1', '&&&', '=', 'a=1&a=2&a=3') },
  );
  return fc.tuple(fc.tuple(...parts), extra).map(([chosen, more]) => {
    const all = [...chosen, more].filter((p): p is string => p !== undefined);
    return all.length ? `?${all.join('&')}` : '';
  });
}

/** JSON text of a value that may hold DeepNesting markers, written without recursion as deep as they are. */
function serialize(value: unknown): string {
  const deep: DeepNesting[] = [];
  const json = JSON.stringify(value, (_key, v: unknown) => (v instanceof DeepNesting ? `\u0000deep${deep.push(v) - 1}\u0000` : v)) ?? 'null';
  return json.replace(/"\\u0000deep(\d+)\\u0000"/g, (_m, i: string) => deep[Number(i)]!.toJson());
}

const SECRET_FIELD = /password|token|secret|recoveryCode|code$/i;

function secretsIn(value: unknown, key = ''): string[] {
  if (typeof value === 'string') return SECRET_FIELD.test(key) && value.length >= 8 && value.length < 5000 ? [value] : [];
  if (value && typeof value === 'object' && !(value instanceof DeepNesting)) {
    return Object.entries(value).flatMap(([k, v]) => secretsIn(v, k));
  }
  return [];
}

type Body = { bytes: Buffer<ArrayBufferLike>; type?: string; secrets: string[] };

function jsonBody(schema: JsonSchema): fc.Arbitrary<Body> {
  return fc.oneof(
    { weight: 8, arbitrary: fuzzBody(schema).map((v): Body => ({ bytes: Buffer.from(serialize(v)), type: 'application/json', secrets: secretsIn(v) })) },
    { weight: 2, arbitrary: fc.constantFrom(...malformedBodies).map((bytes): Body => ({ bytes, type: 'application/json', secrets: [] })) },
    {
      weight: 1,
      arbitrary: fc.tuple(fuzzBody(schema), fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16', 'application/json; charset=latin1', 'multipart/form-data; boundary=x')).map(([v, type]): Body => ({ bytes: Buffer.from(serialize(v)), type, secrets: secretsIn(v) })),
    },
    { weight: 1, arbitrary: fc.constant<Body>({ bytes: Buffer.from('a=1&__proto__[polluted]=1&b=%ZZ'), type: 'application/x-www-form-urlencoded', secrets: [] }) },
  );
}

function rawBody(type: string): fc.Arbitrary<Body> {
  return fc.oneof(
    fc.uint8Array({ maxLength: 4096 }).map((bytes): Body => ({ bytes: Buffer.from(bytes), type, secrets: [] })),
    fc.tuple(fc.uint8Array({ maxLength: 512 }), fc.constantFrom('application/json', 'text/plain', 'image/svg+xml', 'application/offset+octet-stream', 'image/png')).map(([bytes, t]): Body => ({ bytes: Buffer.from(bytes), type: t, secrets: [] })),
    fc.constant<Body>({ bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), type, secrets: [] }),
  );
}

/** A body for a route that takes none (now and then): it must be refused or ignored, never trip the server. */
const strayBody: fc.Arbitrary<Body | undefined> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(undefined) },
  fc.oneof(
    hostileValue.map((v): Body => ({ bytes: Buffer.from(serialize(v)), type: 'application/json', secrets: [] })),
    fc.constantFrom(...malformedBodies).map((bytes): Body => ({ bytes, type: 'application/json', secrets: [] })),
  ),
);

/** Tus and range headers with hostile values, for the routes that read them. */
const someHeaders: fc.Arbitrary<Record<string, string>> = fc.record(
  {
    'upload-offset': fc.constantFrom('0', '-1', '1e3', '9'.repeat(30), '0x10', '', ' 0', '10'),
    'tus-resumable': fc.constantFrom('1.0.0', '0.2.2', ''),
    range: fc.constantFrom('bytes=0-0', 'bytes=-1', 'bytes=5-1', 'bytes=0-99999999999999999999', 'bytes=0-1,2-3', 'items=0-1', 'bytes=%00'),
    'idempotency-key': fc.constantFrom('abcdefgh', 'x', 'a'.repeat(500), 'key with spaces'),
  },
  { requiredKeys: [] },
);
const extraHeaders = fc.oneof({ weight: 2, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: someHeaders });

export function fuzzRequest(op: Operation, pool: IdPool): fc.Arbitrary<FuzzRequest> {
  const segments = op.parameters.filter((p) => p.in === 'path').map((p) => pathSegment(p.name, p.schema, pool).map((s) => [p.name, s] as const));
  const body = op.jsonBody ? jsonBody(op.jsonBody) : op.rawBodyType ? rawBody(op.rawBodyType) : strayBody;
  return fc
    .record({
      segments: fc.tuple(...segments),
      query: query(op),
      body,
      framing: fc.constantFrom<'length' | 'chunked'>('length', 'chunked'),
      headers: extraHeaders,
    })
    .map(({ segments: chosen, query: qs, body: b, framing, headers }) => {
      let target = op.path;
      for (const [name, segment] of chosen) target = target.replace(`{${name}}`, segment);
      return {
        method: op.method,
        target: `${target}${qs}`,
        headers: { ...headers, ...(b?.type ? { 'content-type': b.type } : {}) },
        body: b?.bytes,
        framing,
        secrets: b?.secrets ?? [],
      };
    });
}

/** A short account of a request for failure messages: a megabyte body is shown by its size. */
export function describeRequest(req: FuzzRequest): string {
  const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);
  const body = req.body ? ` body(${req.framing}, ${req.body.length} bytes): ${JSON.stringify(cut(req.body.toString('utf8'), 300))}` : '';
  const headers = Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, cut(value, 60)]));
  return `${req.method} ${cut(req.target, 300)} headers ${JSON.stringify(headers)}${body}`;
}

/** Methods whose requests carry a body: an empty one goes out as Content-Length: 0, as HTTP clients send it. */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/**
 * The request as it goes on the wire, as the persona (its token, a client address of its own): the body with its
 * Content-Length, or chunked in three pieces as a streaming client would send it.
 */
export function onTheWire(req: FuzzRequest, baseUrl: string, as: { token?: string; ip?: string; giveUpMs: number }): RawRequest {
  const headers: Record<string, string> = { host: new URL(baseUrl).host, ...req.headers };
  if (as.token) headers.authorization = `Bearer ${as.token}`;
  if (as.ip) headers['x-forwarded-for'] = as.ip;
  const wire = { method: req.method, path: req.target, headers, giveUpMs: as.giveUpMs };
  if (!req.body) {
    if (BODY_METHODS.has(req.method)) headers['content-length'] = '0';
    return wire;
  }
  if (req.framing === 'length') {
    headers['content-length'] = String(req.body.length);
    return { ...wire, pieces: [req.body] };
  }
  const third = Math.ceil(req.body.length / 3) || 1;
  const pieces: Buffer[] = [];
  for (let at = 0; at < req.body.length; at += third) pieces.push(req.body.subarray(at, at + third));
  return { ...wire, pieces, chunked: true };
}
