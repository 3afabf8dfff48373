/**
 * The platform certificate that digitally signs completed documents. Production reads it from
 * PDF_SIGNING_CERTIFICATE (PKCS#12, or PEM with the chain and an RSA key) with PDF_SIGNING_PASSPHRASE; embedded mode
 * generates a self-signed one into DATA_DIR/secrets once and reuses it after restarts. Whatever the source, it is
 * checked at load (key matches certificate, certificate in its validity period) and kept in memory as a
 * node:crypto KeyObject and the parsed chain, so the configured passphrase is used once and kept nowhere.
 * Error messages name the setting, never the passphrase.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';
import { InvalidConfigError, type Config } from '../config';
import { readOrCreate } from '../secrets';
import type { SignerIdentity } from './platformSigner';

export interface SigningCertificate extends SignerIdentity {
  /** The signer's common name, shown by PDF readers as who signed. */
  signerName: string;
  notAfter: Date;
  /** DER bytes of the certificates carried in every signature, to size the signature placeholder. */
  chainBytes: number;
}

type CertificateSettings = Pick<Config, 'mode' | 'dataDir' | 'pdfSigningCertificate' | 'pdfSigningPassphrase'>;

export function loadSigningCertificate(config: CertificateSettings, now = new Date()): SigningCertificate {
  if (config.pdfSigningCertificate) return fromFile(config.pdfSigningCertificate, config.pdfSigningPassphrase, now);
  if (config.mode === 'production') {
    throw new InvalidConfigError('PDF_SIGNING_CERTIFICATE is required in production mode: set it to the PKCS#12 or PEM file of the certificate that signs completed documents.');
  }
  const file = path.join(config.dataDir, 'secrets', 'pdf-signing.pem');
  return fromPem(readOrCreate(file, () => generateSelfSigned(now)), '', now, file);
}

function fromFile(file: string, passphrase: string, now: Date): SigningCertificate {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    throw new InvalidConfigError(`PDF_SIGNING_CERTIFICATE names a file that cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}): ${file}`);
  }
  return bytes.includes('-----BEGIN') ? fromPem(bytes.toString('latin1'), passphrase, now, file) : fromP12(bytes, passphrase, now, file);
}

function fromP12(bytes: Buffer, passphrase: string, now: Date, file: string): SigningCertificate {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(bytes.toString('binary')), false, passphrase);
  } catch {
    throw new InvalidConfigError(`PDF_SIGNING_CERTIFICATE ${file} could not be opened as PKCS#12: the file is damaged or PDF_SIGNING_PASSPHRASE does not match it.`);
  }
  const { certBag, pkcs8ShroudedKeyBag, keyBag } = bagTypes();
  const certs = (p12.getBags({ bagType: certBag })[certBag] ?? []).flatMap((bag) => (bag.cert ? [bag.cert] : []));
  const keyBags = [...(p12.getBags({ bagType: pkcs8ShroudedKeyBag })[pkcs8ShroudedKeyBag] ?? []), ...(p12.getBags({ bagType: keyBag })[keyBag] ?? [])];
  const key = keyBags.find((bag) => bag.key)?.key as forge.pki.rsa.PrivateKey | undefined;
  if (!key || !('n' in key)) throw new InvalidConfigError(`PDF_SIGNING_CERTIFICATE ${file} holds no RSA private key; documents are signed with RSA.`);
  return identity(createPrivateKey(forge.pki.privateKeyToPem(key)), certs, now, file);
}

function bagTypes(): { certBag: string; pkcs8ShroudedKeyBag: string; keyBag: string } {
  const { certBag, pkcs8ShroudedKeyBag, keyBag } = forge.pki.oids;
  return { certBag: certBag!, pkcs8ShroudedKeyBag: pkcs8ShroudedKeyBag!, keyBag: keyBag! };
}

function fromPem(pem: string, passphrase: string, now: Date, file: string): SigningCertificate {
  let blocks: forge.pem.ObjectPEM[];
  let certs: forge.pki.Certificate[];
  try {
    blocks = forge.pem.decode(pem);
    certs = blocks.filter((b) => b.type === 'CERTIFICATE').map((b) => forge.pki.certificateFromAsn1(forge.asn1.fromDer(b.body)));
  } catch {
    throw new InvalidConfigError(`PDF_SIGNING_CERTIFICATE ${file} is not a readable PEM file with RSA certificates.`);
  }
  const keyBlock = blocks.find((b) => b.type.endsWith('PRIVATE KEY'));
  if (!keyBlock) throw new InvalidConfigError(`PDF_SIGNING_CERTIFICATE ${file} holds no private key; put the key in the same PEM file as the certificate.`);
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: forge.pem.encode(keyBlock), passphrase });
  } catch {
    throw new InvalidConfigError(`The private key in PDF_SIGNING_CERTIFICATE ${file} could not be read: it is damaged or PDF_SIGNING_PASSPHRASE does not match it.`);
  }
  if (key.asymmetricKeyType !== 'rsa') throw new InvalidConfigError(`PDF_SIGNING_CERTIFICATE ${file} holds a ${key.asymmetricKeyType} key; documents are signed with RSA.`);
  return identity(key, certs, now, file);
}

function identity(privateKey: KeyObject, certs: forge.pki.Certificate[], now: Date, file: string): SigningCertificate {
  const { n, e } = privateKey.export({ format: 'jwk' });
  const own = certs.find((cert) => {
    const pub = createPublicKey(forge.pki.publicKeyToPem(cert.publicKey)).export({ format: 'jwk' });
    return pub.n === n && pub.e === e;
  });
  if (!own) throw new InvalidConfigError(`PDF_SIGNING_CERTIFICATE ${file} holds no certificate for its private key.`);
  if (now < own.validity.notBefore || now > own.validity.notAfter) {
    throw new InvalidConfigError(
      `The certificate in PDF_SIGNING_CERTIFICATE ${file} is valid from ${own.validity.notBefore.toISOString()} to ${own.validity.notAfter.toISOString()}, not now. Renew it.`,
    );
  }
  // The signing certificate first, then the rest of the chain, as readers expect.
  const certificates = [own, ...certs.filter((cert) => cert !== own)];
  const chainBytes = certificates.reduce((sum, cert) => sum + forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).length(), 0);
  return {
    privateKey,
    certificates,
    signerName: String(own.subject.getField('CN')?.value ?? 'Sealpost'),
    notAfter: own.validity.notAfter,
    chainBytes,
  };
}

/** A self-signed RSA-3072 certificate for document signing, ten years long, as PEM (certificate, then key). */
export function generateSelfSigned(now: Date): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 3072 });
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString());
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  // 16 random bytes, the first in 0x40-0x7f: positive and minimal as a DER integer (no sign or padding byte).
  const serial = randomBytes(16);
  serial[0] = (serial[0]! & 0x3f) | 0x40;
  cert.serialNumber = serial.toString('hex');
  cert.validity.notBefore = new Date(now.getTime() - 60_000);
  cert.validity.notAfter = new Date(now.getTime() + 10 * 365 * 24 * 3600 * 1000);
  const name = [
    { name: 'commonName', value: 'Sealpost document signing' },
    { name: 'organizationName', value: 'Sealpost (embedded mode, self-signed)' },
  ];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', critical: true, digitalSignature: true, nonRepudiation: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(key, forge.md.sha256.create());
  return `${forge.pki.certificateToPem(cert)}${forge.pki.privateKeyToPem(key)}`;
}
