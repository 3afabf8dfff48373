/**
 * The PKCS#7 (CMS) SignedData that goes into a PDF's /Contents: built with node-forge like @signpdf's P12Signer
 * (content type, signing time and message digest as signed attributes, in the order EU validators expect), but the
 * RSA operation runs in node:crypto. forge's pure-JavaScript RSA held the event loop for a quarter of a second per
 * document; the native one takes a few milliseconds.
 */
import { privateEncrypt, constants, type KeyObject } from 'node:crypto';
import { Signer } from '@signpdf/utils';
import forge from 'node-forge';

/** DER prefix of a DigestInfo for SHA-256 (RFC 8017, 9.2 note 1), followed by the 32-byte digest. */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

export interface SignerIdentity {
  privateKey: KeyObject;
  /** The signing certificate first, then the rest of its chain. */
  certificates: readonly forge.pki.Certificate[];
}

export class PlatformSigner extends Signer {
  constructor(private readonly identity: SignerIdentity) {
    super();
  }

  override async sign(pdfBuffer: Buffer, signingTime?: Date): Promise<Buffer> {
    const [own] = this.identity.certificates;
    if (!own) throw new Error('A signing identity needs its certificate.');
    const p7 = forge.pkcs7.createSignedData();
    p7.content = forge.util.createBuffer(pdfBuffer.toString('binary'));
    for (const cert of this.identity.certificates) p7.addCertificate(cert);
    const { privateKey } = this.identity;
    // forge asks the key to sign the digest of the signed attributes; PKCS#1 v1.5 over that DigestInfo is the
    // RSASSA-PKCS1-v1_5 signature it would compute itself.
    const nativeKey = {
      sign: (md: forge.md.MessageDigest) =>
        privateEncrypt({ key: privateKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([SHA256_DIGEST_INFO, Buffer.from(md.digest().getBytes(), 'binary')])).toString('binary'),
    };
    p7.addSigner({
      key: nativeKey as unknown as forge.pki.rsa.PrivateKey,
      certificate: own,
      digestAlgorithm: forge.pki.oids.sha256!,
      authenticatedAttributes: [
        { type: forge.pki.oids.contentType!, value: forge.pki.oids.data },
        { type: forge.pki.oids.signingTime!, value: (signingTime ?? new Date()) as unknown as string },
        { type: forge.pki.oids.messageDigest! },
      ],
    });
    p7.sign({ detached: true });
    return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary');
  }
}
