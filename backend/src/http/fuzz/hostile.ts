/**
 * What an attacker types: strings with NUL, lone surrogates, bidi and format characters, injection shapes and huge
 * sizes; values of the wrong type; prototype keys; nesting deep enough to hurt a recursive parser.
 */
import fc from 'fast-check';

export const MEGABYTE_STRING = 'x'.repeat(1024 * 1024);

export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\udc00\ud800',
  '\u202e',
  'invoice\u202efdp.exe',
  '\u2066name\u2069',
  '\u200b\u200d\ufeff',
  '\r\nSet-Cookie: sp_access=x',
  '\t\v\f\b',
  '%ZZ',
  '%',
  '%00',
  '%E0%A4%A',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  "' OR '1'='1' --",
  '${7*7}{{7*7}}',
  '__proto__',
  'constructor',
  'toString',
  'null',
  'NaN',
  '-1',
  '1e309',
  '0x10',
  'a@b',
  '@',
  'Zoë Ångström',
  '𝕳𝖊𝖑𝖑𝖔 👩‍⚕️',
  'x'.repeat(10_000),
  MEGABYTE_STRING,
  // shapes that hurt an HTML sanitizer: deep nesting, 100k attributes, a huge attribute, entities by the hundred thousand
  '<div>'.repeat(7_000),
  `<a ${'x=1 '.repeat(100_000)}>`,
  `<img alt="${'a'.repeat(500_000)}">`,
  '&amp;'.repeat(150_000),
];

/** Characters that must never pass unnoticed into a name, a header or a query. */
const NASTY_UNITS = ['\u0000', '\u0001', '\u001f', '\u007f', '\u0085', '\u202e', '\u2067', '\u200f', '\ufeff', '\ud800', '\udfff', '\uffff', '%', '"', '\\'];

/** NUL, lone surrogates and bidi controls most often: they are what databases, encoders and readers trip on. */
const nastyUnit = fc.oneof(
  { weight: 3, arbitrary: fc.constant('\u0000') },
  { weight: 3, arbitrary: fc.constantFrom('\ud800', '\udfff') },
  { weight: 2, arbitrary: fc.constantFrom('\u202e', '\u2067') },
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_UNITS) },
);

/** A valid value with one nasty character slipped in: it passes a length check and reaches the code behind it. */
export function tainted(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.tuple(valid, nastyUnit, fc.nat()).map(([value, nasty, at]) => {
    if (typeof value !== 'string') return value;
    const i = at % (value.length + 1);
    return `${value.slice(0, i)}${nasty}${value.slice(i)}`;
  });
}

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.string({ maxLength: 12 }), nastyUnit, fc.string({ maxLength: 12 }))
      .map(([a, nasty, b]) => `${a}${nasty}${b}`),
  },
  { weight: 1, arbitrary: fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 4 }) },
);

export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, -0, 1e308, Number.MAX_SAFE_INTEGER + 2, [], {}, [null], { '': '' }, ['a', 1]),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Objects whose own keys are the names prototype pollution abuses (JSON.parse makes them own properties). */
export const prototypeObject: fc.Arbitrary<unknown> = fc.constantFrom(
  JSON.parse('{"__proto__":{"isAdmin":true,"polluted":"yes"}}') as unknown,
  JSON.parse('{"constructor":{"prototype":{"polluted":"yes"}}}') as unknown,
  JSON.parse('{"prototype":{"polluted":"yes"},"hasOwnProperty":1,"toString":"x"}') as unknown,
);

/**
 * Stands for a value nested `depth` levels deep: JSON.stringify would recurse as deep as the value, so the
 * serializer (requests.ts) writes its text directly.
 */
export class DeepNesting {
  constructor(readonly depth: number, readonly shape: 'array' | 'object') {}
  toJson(): string {
    return this.shape === 'array' ? `${'['.repeat(this.depth)}1${']'.repeat(this.depth)}` : `${'{"a":'.repeat(this.depth)}1${'}'.repeat(this.depth)}`;
  }
}

export const deepNesting: fc.Arbitrary<DeepNesting> = fc
  .tuple(fc.constantFrom(64, 1_000, 20_000), fc.constantFrom<'array' | 'object'>('array', 'object'))
  .map(([depth, shape]) => new DeepNesting(depth, shape));

/** Any hostile value for a field, whatever type the field expects. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: hostileString },
  { weight: 3, arbitrary: wrongType },
  { weight: 1, arbitrary: prototypeObject },
  { weight: 1, arbitrary: deepNesting },
);

/** Keys a strict schema must refuse, and the ones that pollute prototypes. */
export const hostileKey: fc.Arbitrary<string> = fc.constantFrom('__proto__', 'constructor', 'prototype', 'isAdmin', 'organizationId', 'role', '', '\u0000', 'a.b', '$where');

/** Bodies that are not JSON at all, or JSON the parser must refuse, as bytes. */
export const malformedBodies: readonly Buffer[] = [
  Buffer.from('{'),
  Buffer.from('{"a":'),
  Buffer.from('{"a":1,}'),
  Buffer.from("{'a':1}"),
  Buffer.from('nul'),
  Buffer.from('"just a string"'),
  Buffer.from('[]'),
  Buffer.from('null'),
  Buffer.from('1e999999'),
  Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]),
  Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]),
  Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d]),
  Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc0, 0xaf, 0x22, 0x7d]),
  Buffer.from('{"a":"\\ud800"}'),
  Buffer.from('{"a":"\\u0000"}'),
  Buffer.from('{"__proto__":{"polluted":1},"__proto__":{"x":2}}'),
  Buffer.alloc(0),
];

/** Path segments whose percent-encoding is broken, or that try to climb out of the route. */
export const malformedSegments: readonly string[] = ['%ZZ', '%', '%E0%A4', '%00', '%C0%AF', '%ED%A0%80', '..', '%2e%2e', 'a%2Fb', '%252F', 'null', '0'];
