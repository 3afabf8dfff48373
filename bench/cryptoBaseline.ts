/**
 * The upload benchmark's baseline: plain Node AES-256-GCM over the same bytes, cut into segments of the same size
 * with a fresh cipher and a 16-byte tag per segment (as the file format does), in this process with no HTTP, no
 * disk and no streams. Only time spent in the cipher counts; making the bytes does not.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { patternPieces } from './pattern';

export interface CipherRates {
  /** Plaintext bytes per second sealed. */
  encrypt: number;
  /** Plaintext bytes per second opened (tag checked). */
  decrypt: number;
}

function nonceFor(prefix: Buffer, index: number): Buffer {
  const nonce = Buffer.alloc(12);
  prefix.copy(nonce, 0);
  nonce.writeUInt32BE(index >>> 0, 7);
  return nonce;
}

export function gcmBaseline(size: number, segmentSize: number): CipherRates {
  const key = randomBytes(32);
  const prefix = randomBytes(7);
  let encryptNs = 0n;
  let decryptNs = 0n;
  let index = 0;
  for (const piece of patternPieces(0, size)) {
    // each piece is sealed, then opened, at once: memory stays at one piece whatever the size
    const sealed: { nonce: Buffer; body: Buffer; tag: Buffer }[] = [];
    let started = process.hrtime.bigint();
    for (let at = 0; at < piece.length; at += segmentSize) {
      const nonce = nonceFor(prefix, index++);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      const body = cipher.update(piece.subarray(at, at + segmentSize));
      cipher.final();
      sealed.push({ nonce, body, tag: cipher.getAuthTag() });
    }
    encryptNs += process.hrtime.bigint() - started;
    started = process.hrtime.bigint();
    for (const segment of sealed) {
      const decipher = createDecipheriv('aes-256-gcm', key, segment.nonce);
      decipher.setAuthTag(segment.tag);
      decipher.update(segment.body);
      decipher.final();
    }
    decryptNs += process.hrtime.bigint() - started;
  }
  return { encrypt: (size * 1e9) / Number(encryptNs), decrypt: (size * 1e9) / Number(decryptNs) };
}
