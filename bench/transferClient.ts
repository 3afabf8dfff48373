/**
 * The upload benchmark's client: PATCHes the pattern (pattern.ts) chunk by chunk at its offsets, as a tus client
 * does, and downloads, hashing what it sends and receives as it streams. One keep-alive connection, like a browser
 * uploading one file.
 */
import type { Hash } from 'node:crypto';
import { once } from 'node:events';
import http from 'node:http';
import { json } from './lib';
import { patternPieces } from './pattern';

export interface StartedUpload {
  id: string;
  uploadUrl: string;
  /** The server's segment size: chunks must be whole multiples of it. */
  chunkMultiple: number;
}

async function answerText(res: http.IncomingMessage): Promise<string> {
  res.setEncoding('utf8');
  let text = '';
  for await (const part of res) text += part;
  return text;
}

export class TransferClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

  constructor(private readonly token: string) {}

  startUpload(apiUrl: string, size: number): Promise<StartedUpload> {
    return json<StartedUpload>(`${apiUrl}/api/v1/uploads`, { token: this.token, body: { name: 'bench.bin', size, contentType: 'application/octet-stream' } });
  }

  /** PATCHes the whole pattern of `size` bytes to `url` in chunks of `chunkBytes`; answers how many PATCHes it took. */
  async patchAll(url: string, size: number, chunkBytes: number, sent: Hash): Promise<number> {
    let patches = 0;
    for (let offset = 0; offset < size; patches++) {
      offset = await this.patch(url, offset, Math.min(chunkBytes, size - offset), sent);
    }
    return patches;
  }

  /** Streams `url` to its end, hashing it; throws unless it arrived whole with a 200. Answers the byte count. */
  async download(url: string, received: Hash): Promise<number> {
    const req = http.get(url, { agent: this.agent, headers: { authorization: `Bearer ${this.token}` } });
    const [res] = (await once(req, 'response')) as [http.IncomingMessage];
    if (res.statusCode !== 200) throw new Error(`the download answered ${res.statusCode}: ${await answerText(res)}`);
    let bytes = 0;
    for await (const part of res as AsyncIterable<Buffer>) {
      received.update(part);
      bytes += part.length;
    }
    // the server ends a download that fails its integrity check early rather than normally
    if (!res.complete) throw new Error(`the download was cut off after ${bytes} bytes`);
    return bytes;
  }

  close(): void {
    this.agent.destroy();
  }

  /** PATCHes bytes offset…offset+length of the pattern, hashing them as they go; answers the new Upload-Offset. */
  private async patch(url: string, offset: number, length: number, sent: Hash): Promise<number> {
    const req = http.request(url, {
      method: 'PATCH',
      agent: this.agent,
      headers: {
        authorization: `Bearer ${this.token}`,
        'content-type': 'application/offset+octet-stream',
        'content-length': String(length),
        'upload-offset': String(offset),
        'tus-resumable': '1.0.0',
      },
    });
    const answered = once(req, 'response') as Promise<[http.IncomingMessage]>;
    for (const piece of patternPieces(offset, length)) {
      sent.update(piece);
      if (!req.write(piece)) await once(req, 'drain');
    }
    req.end();
    const [res] = await answered;
    const text = await answerText(res);
    if (res.statusCode !== 204) throw new Error(`PATCH at ${offset} answered ${res.statusCode}: ${text}`);
    const next = Number(res.headers['upload-offset']);
    // chunks are whole segments, so the server keeps all of each; anything else would leave the hash behind
    if (next !== offset + length) throw new Error(`PATCH at ${offset} stored up to ${next}, not ${offset + length}`);
    return next;
  }
}
