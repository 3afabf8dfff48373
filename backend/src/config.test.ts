/** Configuration: defaults that start with no set-up, one clear sentence per bad value, no secret defaults in production. */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, settings } from './config';

const production = {
  SEALPOST_MODE: 'production',
  PUBLIC_URL: 'https://sealpost.example.com',
  DATABASE_URL: 'postgres://u:p@db:5432/sealpost',
  SMTP_URL: 'smtp://relay.example.com:587',
  JWT_SECRET: Buffer.alloc(48, 1).toString('base64'),
  SEALPOST_KEYRING: '/run/secrets/keyring.json',
};

test('when no variable is set, then embedded defaults apply', () => {
  const config = loadConfig({});
  expect(config).toMatchObject({ mode: 'embedded', port: 3000, host: '127.0.0.1', publicUrl: 'http://localhost:3000' });
  expect(config.dataDir).toBe(path.resolve('./data'));
  expect(config.databaseUrl).toBeUndefined();
  expect(config.smtpUrl).toBeUndefined();
});

test.each([
  ['PORT', 'eighty', /^PORT must be a whole number between 0 and 65535/],
  ['PORT', '70000', /^PORT must be a whole number/],
  ['SEALPOST_MODE', 'prod', /^SEALPOST_MODE must be one of embedded, production/],
  ['DATABASE_URL', 'mysql://x', /^DATABASE_URL must be a URL \(postgres: or postgresql:\) \(got "…"\)/],
  ['ACCESS_TOKEN_SECONDS', '3600', /^ACCESS_TOKEN_SECONDS must be a whole number between 60 and 900/],
  ['LOG_LEVEL', 'loud', /^LOG_LEVEL must be one of/],
  ['TRUST_PROXY', 'maybe', /^TRUST_PROXY must be true or false/],
])('when %s is %s, then loading fails with one sentence naming it', (name, value, message) => {
  expect(() => loadConfig({ [name]: value })).toThrow(message);
});

test.each(['PUBLIC_URL', 'DATABASE_URL', 'SMTP_URL', 'JWT_SECRET', 'SEALPOST_KEYRING'])(
  'when production mode lacks %s, then it refuses to start and names it',
  (name) => {
    const env: Record<string, string> = { ...production };
    delete env[name];
    expect(() => loadConfig(env)).toThrow(new RegExp(`^${name} is required in production mode`));
  },
);

test('when production mode has everything, then it loads; a short JWT secret or an http URL is refused', () => {
  expect(loadConfig(production).mode).toBe('production');
  expect(() => loadConfig({ ...production, JWT_SECRET: 'c2hvcnQ=' })).toThrow(/^JWT_SECRET must be at least 32 random bytes/);
  expect(() => loadConfig({ ...production, PUBLIC_URL: 'http://sealpost.example.com' })).toThrow(/^PUBLIC_URL must be an https/);
});

test('when a secret is malformed, then the error does not echo it', () => {
  expect(() => loadConfig({ ...production, SMTP_URL: 'ftp://user:hunter2@x' })).toThrow(/got "…"/);
});

test('when the README documents configuration, then every variable is in its table', () => {
  const readme = fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
  for (const setting of Object.values(settings)) expect(readme).toContain(`\`${setting.env}\``);
});

describe('when embedded mode runs its dev mailbox (SMTP_URL unset)', () => {
  test.each([
    ['HOST', { HOST: '0.0.0.0' }],
    ['HOST', { HOST: '::' }],
    ['HOST', { HOST: '192.0.2.2' }],
    ['HOST', { HOST: 'portal.clinic.example' }],
    ['PUBLIC_URL', { PUBLIC_URL: 'https://portal.clinic.example' }],
    ['PUBLIC_URL', { PUBLIC_URL: 'http://192.168.1.20:3000' }],
    ['PUBLIC_URL', { PUBLIC_URL: 'http://localhost.evil.example:3000' }],
  ])('and %s can be reached from elsewhere (%j), then it refuses to start and says why', (name, env) => {
    expect(() => loadConfig(env)).toThrow(new RegExp(`^${name} .* in embedded mode: the dev mailbox would show every email.*EMBEDDED_ALLOW_PUBLIC=true`));
  });

  test.each([{ HOST: '127.0.0.1' }, { HOST: '127.0.0.2' }, { HOST: '::1' }, { HOST: 'localhost' }, { PUBLIC_URL: 'http://127.0.0.1:3000' }, { PUBLIC_URL: 'https://localhost:3000' }, { PUBLIC_URL: 'http://[::1]:3000' }])(
    'and it stays on this machine (%j), then it starts',
    (env) => {
      expect(loadConfig(env).mode).toBe('embedded');
    },
  );

  test('and the reachable address is meant (EMBEDDED_ALLOW_PUBLIC=true) or mail goes to a relay, then it starts', () => {
    const reachable = { HOST: '0.0.0.0', PUBLIC_URL: 'https://portal.clinic.example' };
    expect(loadConfig({ ...reachable, EMBEDDED_ALLOW_PUBLIC: 'true' }).embeddedAllowPublic).toBe(true);
    expect(loadConfig({ ...reachable, SMTP_URL: 'smtp://relay.example.com:587' }).host).toBe('0.0.0.0');
    expect(() => loadConfig({ ...reachable, EMBEDDED_ALLOW_PUBLIC: 'false' })).toThrow(/^HOST 0\.0\.0\.0 is not a loopback address/);
  });
});

test("when Sealpost's Entra app is configured, then its App ID URI defaults to the add-in's host, and bad values are refused in one sentence", () => {
  const clientId = '6E74172B-BE56-4843-9FF4-E66A39BB12E3';
  const on = loadConfig({ ENTRA_CLIENT_ID: clientId, ADDIN_BASE_URL: 'https://addin.sealpost.example:8443' });
  expect([on.entraClientId, on.entraAppIdUri, on.entraScope]).toEqual([clientId.toLowerCase(), `api://addin.sealpost.example:8443/${clientId.toLowerCase()}`, 'access_as_user']);
  expect(loadConfig({}).entraClientId).toBe('');
  expect(() => loadConfig({ ENTRA_CLIENT_ID: 'sealpost-app' })).toThrow(/^ENTRA_CLIENT_ID must be the application \(client\) id/);
  expect(() => loadConfig({ ENTRA_SCOPE: 'access_as_user User.Read' })).toThrow(/^ENTRA_SCOPE must be one scope name/);
  expect(() => loadConfig({ ENTRA_JWKS_URL: 'http://keys.example.com/keys' })).toThrow(/^ENTRA_JWKS_URL must be an https:\/\/ address/);
  expect(() => loadConfig({ ...production, ENTRA_JWKS_URL: 'http://127.0.0.1:9/keys' })).toThrow(/^ENTRA_JWKS_URL must be an https:\/\/ address/);
  expect(loadConfig({ ENTRA_JWKS_URL: 'http://127.0.0.1:9/keys' }).entraJwksUrl).toBe('http://127.0.0.1:9/keys');
});
