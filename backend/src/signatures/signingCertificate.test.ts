import { execFileSync } from 'node:child_process';
import { X509Certificate, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import forge from 'node-forge';
import { generateSelfSigned, loadSigningCertificate } from './signingCertificate';

const opensslAvailable = fs.existsSync('/usr/bin/openssl');

function createPublicKeyPem(privateKey: KeyObject): string {
  return createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
}

const tempDirs: string[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sealpost-signing-'));
  tempDirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

function production(file: string, passphrase = '') {
  return { mode: 'production' as const, dataDir: '/nonexistent', pdfSigningCertificate: file, pdfSigningPassphrase: passphrase };
}

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected an error');
}

describe('loadSigningCertificate', () => {
  test('when embedded mode has no certificate, then one is generated into the data dir with 0600 and reused after a restart', () => {
    const dataDir = tempDir();
    const first = loadSigningCertificate({ mode: 'embedded', dataDir, pdfSigningCertificate: '', pdfSigningPassphrase: '' });
    const file = path.join(dataDir, 'secrets', 'pdf-signing.pem');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const pem = fs.readFileSync(file, 'utf8');
    const again = loadSigningCertificate({ mode: 'embedded', dataDir, pdfSigningCertificate: '', pdfSigningPassphrase: '' });
    expect(fs.readFileSync(file, 'utf8')).toBe(pem);
    expect(again.signerName).toBe('Sealpost document signing');
    expect(again.notAfter).toEqual(first.notAfter);
  });

  test('when certificates are generated, then each one parses with an independent X.509 reader and verifies with its own key', () => {
    for (let i = 0; i < 3; i += 1) {
      const cert = new X509Certificate(generateSelfSigned(new Date()));
      expect(cert.verify(cert.publicKey)).toBe(true);
      expect(cert.subject).toContain('CN=Sealpost document signing');
      expect(cert.serialNumber).toMatch(/^[4-7][0-9A-F]{31}$/);
    }
  });

  test('when production mode has no certificate, then loading says which setting to give', () => {
    expect(messageOf(() => loadSigningCertificate({ mode: 'production', dataDir: tempDir(), pdfSigningCertificate: '', pdfSigningPassphrase: '' })))
      .toMatch(/^PDF_SIGNING_CERTIFICATE is required in production mode/);
  });

  test('when a PEM file holds the certificate and a passphrase-protected key, then it loads with the passphrase and names neither on failure', () => {
    const dir = tempDir();
    const generated = generateSelfSigned(new Date());
    const certPem = generated.slice(0, generated.indexOf('-----END CERTIFICATE-----') + 25);
    const keyPem = generated.slice(generated.indexOf('-----BEGIN RSA PRIVATE KEY-----'));
    const encrypted = createPrivateKey(keyPem).export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'correct horse' }).toString();
    const file = path.join(dir, 'signing.pem');
    fs.writeFileSync(file, `${certPem}\n${encrypted}`);
    expect(loadSigningCertificate(production(file, 'correct horse')).signerName).toBe('Sealpost document signing');
    const wrong = messageOf(() => loadSigningCertificate(production(file, 'wrong battery')));
    expect(wrong).toMatch(/PDF_SIGNING_PASSPHRASE does not match/);
    expect(wrong).not.toContain('wrong battery');
  });

  (opensslAvailable ? test : test.skip)('when OpenSSL made the PKCS#12 file with its current defaults, then it loads, and a wrong passphrase is refused without echo', () => {
    const dir = tempDir();
    const pem = path.join(dir, 'both.pem');
    fs.writeFileSync(pem, generateSelfSigned(new Date()));
    const p12 = path.join(dir, 'signing.p12');
    execFileSync('openssl', ['pkcs12', '-export', '-in', pem, '-out', p12, '-passout', 'pass:s3cret-pass', '-name', 'signing']);
    expect(loadSigningCertificate(production(p12, 's3cret-pass')).signerName).toBe('Sealpost document signing');
    const wrong = messageOf(() => loadSigningCertificate(production(p12, 'not-it')));
    expect(wrong).toMatch(/could not be opened as PKCS#12/);
    expect(wrong).not.toContain('not-it');
  });

  test('when the key does not belong to the certificate, or the certificate has expired, then loading says so', () => {
    const dir = tempDir();
    const generated = generateSelfSigned(new Date());
    const certPem = generated.slice(0, generated.indexOf('-----END CERTIFICATE-----') + 25);
    const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const mismatched = path.join(dir, 'mismatched.pem');
    fs.writeFileSync(mismatched, `${certPem}\n${otherKey}`);
    expect(messageOf(() => loadSigningCertificate(production(mismatched)))).toMatch(/holds no certificate for its private key/);

    const expired = path.join(dir, 'expired.pem');
    fs.writeFileSync(expired, generateSelfSigned(new Date('2000-01-01T00:00:00Z')));
    expect(messageOf(() => loadSigningCertificate(production(expired)))).toMatch(/is valid from 1999-12-31T23:59:00.000Z to 2009-12-29T00:00:00.000Z, not now\. Renew it\./);
  });

  test('when a PEM file lists the issuing CA before the signing certificate, then the signing certificate leads the chain', () => {
    const caKeys = forge.pki.rsa.generateKeyPair(1024);
    const ca = forge.pki.createCertificate();
    ca.publicKey = caKeys.publicKey;
    ca.serialNumber = '41';
    ca.validity.notBefore = new Date(Date.now() - 86_400_000);
    ca.validity.notAfter = new Date(Date.now() + 86_400_000);
    ca.setSubject([{ name: 'commonName', value: 'Test CA' }]);
    ca.setIssuer([{ name: 'commonName', value: 'Test CA' }]);
    ca.sign(caKeys.privateKey, forge.md.sha256.create());
    const leafKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const leaf = forge.pki.createCertificate();
    leaf.publicKey = forge.pki.publicKeyFromPem(createPublicKeyPem(leafKey));
    leaf.serialNumber = '42';
    leaf.validity.notBefore = ca.validity.notBefore;
    leaf.validity.notAfter = ca.validity.notAfter;
    leaf.setSubject([{ name: 'commonName', value: 'Example Clinic signing' }]);
    leaf.setIssuer(ca.subject.attributes);
    leaf.sign(caKeys.privateKey, forge.md.sha256.create());
    const file = path.join(tempDir(), 'chain.pem');
    fs.writeFileSync(file, `${forge.pki.certificateToPem(ca)}${forge.pki.certificateToPem(leaf)}${leafKey.export({ type: 'pkcs8', format: 'pem' })}`);
    const loaded = loadSigningCertificate(production(file));
    expect(loaded.signerName).toBe('Example Clinic signing');
    expect(loaded.certificates.map((cert) => cert.subject.getField('CN').value)).toEqual(['Example Clinic signing', 'Test CA']);
  });

  test('when the file is missing or not a certificate, then loading names the setting', () => {
    const dir = tempDir();
    expect(messageOf(() => loadSigningCertificate(production(path.join(dir, 'absent.p12'))))).toMatch(/names a file that cannot be read \(ENOENT\)/);
    const junk = path.join(dir, 'junk.p12');
    fs.writeFileSync(junk, 'not a certificate');
    expect(messageOf(() => loadSigningCertificate(production(junk)))).toMatch(/could not be opened as PKCS#12/);
  });

  test('when a certificate is loaded, then its private key signs what the certificate verifies, and the chain starts with it', () => {
    const loaded = loadSigningCertificate({ mode: 'embedded', dataDir: tempDir(), pdfSigningCertificate: '', pdfSigningPassphrase: '' });
    const own = new X509Certificate(forge.pki.certificateToPem(loaded.certificates[0]!));
    const data = Buffer.from('the signed attributes');
    expect(verify('sha256', data, own.publicKey, sign('sha256', data, loaded.privateKey))).toBe(true);
    expect(loaded.chainBytes).toBe(own.raw.length);
  });
});
