/**
 * Values for a field described by a JSON Schema (from /api/openapi.json): valid ones, so requests get past the
 * first check into the code behind it, and hostile ones in any field, at any depth, with keys that do not belong.
 */
import fc from 'fast-check';
import { HOSTILE_STRINGS, hostileKey, hostileValue, tainted } from './hostile';

export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  default?: unknown;
}

/** Values that the schema alone cannot tell apart from noise but the code behind it can: real-looking ones. */
const HINTS: [RegExp, fc.Arbitrary<string>][] = [
  [/email|confirmedInvitations/i, fc.tuple(fc.stringMatching(/^[a-z]{1,10}$/), fc.constantFrom('clinic.example', 'client.example')).map(([a, d]) => `${a}@${d}`)],
  [/password/i, fc.constantFrom('correct horse battery staple', 'a sturdy passphrase 42')],
  [/^domain$/i, fc.stringMatching(/^[a-z]{1,12}$/).map((a) => `${a}.example`)],
  // a message body is any string up to 2 MB: ordinary ones, and the shapes that hurt a sanitizer
  [/^html$/i, fc.oneof({ weight: 3, arbitrary: fc.constantFrom('<p>Hello</p>', '<div><b>x</b></div>') }, { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_STRINGS.filter((s) => s.startsWith('<') || s.startsWith('&'))) })],
];

/** Values of real records by field name (members' emails, ids), set by the suite: they get requests past lookups. */
let realValues: Record<string, string[]> = {};
export function knowRealValues(values: Record<string, string[]>): void {
  realValues = values;
}

function validString(schema: JsonSchema, key: string): fc.Arbitrary<string> {
  const real = realValues[key];
  if (real?.length) return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...real) }, { weight: 1, arbitrary: generatedString(schema, key) });
  return generatedString(schema, key);
}

function generatedString(schema: JsonSchema, key: string): fc.Arbitrary<string> {
  const hint = HINTS.find(([name]) => name.test(key));
  if (hint && !schema.pattern && !schema.format) return hint[1];
  if (schema.format === 'uuid') return fc.uuid({ version: 4 });
  if (schema.format === 'date-time') return fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
  if (schema.format === 'email') return fc.emailAddress();
  if (schema.pattern) {
    try {
      return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length <= (schema.maxLength ?? 1000));
    } catch {
      // a pattern the generator cannot follow: plain strings below still probe the field
    }
  }
  return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.max(schema.minLength ?? 0, Math.min(schema.maxLength ?? 40, 40)) });
}

/** A value the schema accepts (as far as a generator can tell from the schema alone). */
export function validValue(schema: JsonSchema, key = ''): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices) return fc.oneof(...choices.map((choice) => validValue(choice, key)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      return validString(schema, key);
    case 'integer':
      return fc.integer({ min: Math.max(schema.minimum ?? -1e6, Number.MIN_SAFE_INTEGER), max: Math.min(schema.maximum ?? 1e6, Number.MAX_SAFE_INTEGER) });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(validValue(schema.items ?? {}, key), { minLength: Math.min(Math.max(schema.minItems ?? 0, 1), schema.maxItems ?? 1), maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 3, 3)) });
    case 'object':
      return validObject(schema);
    default:
      return fc.constantFrom<unknown>('x', 1, true, null);
  }
}

function validObject(schema: JsonSchema): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  const entries = Object.entries(properties).map(([key, property]) =>
    required.has(key)
      ? validValue(property, key).map((v) => [key, v] as const)
      : // optional fields mostly left out (each is another chance to be refused before the code under test), except
        // those with a default, which the route expects to be given (recipient lists)
        fc.oneof(
          { weight: property.default === undefined ? 3 : 1, arbitrary: fc.constant(undefined) },
          { weight: 1, arbitrary: validValue(property, key).map((v) => [key, v] as const) },
        ),
  );
  return fc.tuple(...entries).map((pairs) => Object.fromEntries(pairs.filter((p): p is readonly [string, unknown] => p !== undefined)));
}

/** A value for the field: mostly valid, sometimes hostile; objects and arrays carry hostile parts deeper down. */
export function fuzzValue(schema: JsonSchema, depth = 0, key = ''): fc.Arbitrary<unknown> {
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  const nested =
    depth < 3 && type === 'object' && schema.properties
      ? fuzzObject(schema, depth + 1)
      : depth < 3 && type === 'array' && schema.items
        ? fc.array(fuzzValue(schema.items, depth + 1, key), { maxLength: 3 })
        : null;
  return fc.oneof(
    { weight: 3, arbitrary: validValue(schema, key) },
    { weight: 3, arbitrary: tainted(validValue(schema, key)) },
    { weight: 3, arbitrary: hostileValue },
    ...(nested ? [{ weight: 3, arbitrary: nested }] : []),
  );
}

/**
 * An object for an object schema: every field valid or hostile, required ones sometimes missing, and sometimes keys
 * that do not belong (unknown names, __proto__, constructor) with hostile values.
 */
export function fuzzObject(schema: JsonSchema, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {};
  const fields = Object.entries(properties).map(([key, property]) =>
    fc.option(fuzzValue(property, depth, key).map((v) => [key, v] as const), { nil: undefined, freq: 6 }),
  );
  const extras = fc.array(fc.tuple(hostileKey, hostileValue), { maxLength: 2 });
  return fc.tuple(fc.tuple(...fields), extras).map(([pairs, extra]) => {
    const object: Record<string, unknown> = {};
    for (const pair of pairs) if (pair) object[pair[0]] = pair[1];
    // defineProperty: plain assignment of "__proto__" would set the prototype instead of adding the key
    for (const [key, value] of extra) Object.defineProperty(object, key, { value, enumerable: true, configurable: true, writable: true });
    return object;
  });
}

/**
 * A valid object with exactly one field made hostile (tainted or replaced, at any depth of nested objects): the
 * request passes every other check, so the hostile value reaches the code that handles that field.
 */
export function oneBadField(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  const properties = Object.entries(schema.properties ?? {});
  if (!properties.length) return validValue(schema);
  return fc.tuple(validObject(schema), fc.nat()).chain(([object, pick]) => {
    const [key, property] = properties[pick % properties.length]!;
    const type = Array.isArray(property.type) ? property.type[0] : property.type;
    const bad =
      depth < 3 && type === 'object' && property.properties
        ? fc.oneof(oneBadField(property, depth + 1), hostileValue)
        : depth < 3 && type === 'array' && property.items?.properties
          ? fc.oneof(oneBadField(property.items, depth + 1).map((item) => [item]), hostileValue)
          : fc.oneof(tainted(validValue(property, key)), hostileValue);
    return bad.map((value) => ({ ...object, [key]: value }));
  });
}

/** The schema's alternatives (oneOf bodies like members/bulk) each get their own fuzzed objects. */
export function fuzzBody(schema: JsonSchema): fc.Arbitrary<unknown> {
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices) return fc.oneof(...choices.flatMap((choice) => [oneBadField(choice), fuzzObject(choice)]));
  return fc.oneof(
    { weight: 4, arbitrary: oneBadField(schema) },
    { weight: 1, arbitrary: fuzzObject(schema) },
    { weight: 3, arbitrary: validValue(schema) },
    { weight: 1, arbitrary: hostileValue },
  );
}
