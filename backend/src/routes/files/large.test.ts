/**
 * Acceptance for large files: 1 GiB up and down over HTTP keeps this process's memory flat (RSS growth under
 * 128 MB, sampled throughout) and the bytes round-trip exactly (SHA-256 taken while streaming on both sides).
 * The bytes come from a deterministic keystream and are never held in memory whole.
 */
import { createCipheriv, createHash, type Hash } from 'node:crypto';
import http from 'node:http';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { castOrganization, type Cast } from '../../testing/members';
import { startTestServer, type TestServer } from '../../testing/testServer';
import { SEGMENT, createUpload, download } from './testSupport';

const SIZE = 1024 ** 3;
const FIRST_PART = 600 * 1024 * 1024; // two PATCHes: the second resumes where the first stopped
const CHUNK = 256 * 1024;
const MB = 1024 * 1024;

let t: TestServer;
let cast: Cast;
beforeAll(async () => {
  t = await startTestServer();
  cast = await castOrganization(t);
});
afterAll(async () => {
  await t.stop();
});

/** AES-256-CTR over zeros with a fixed key: a fast PRNG whose output is the same on every run. */
function keystream(seed: string) {
  const cipher = createCipheriv('aes-256-ctr', createHash('sha256').update(seed).digest(), Buffer.alloc(16));
  const zeros = Buffer.alloc(CHUNK);
  const hash = createHash('sha256');
  return {
    hash,
    /** The next `size` bytes of the stream, hashed as they are produced. */
    part(size: number): Readable {
      let left = size;
      return new Readable({
        highWaterMark: CHUNK,
        read() {
          if (left === 0) return void this.push(null);
          const bytes = cipher.update(zeros.subarray(0, Math.min(CHUNK, left)));
          hash.update(bytes);
          left -= bytes.length;
          this.push(bytes);
        },
      });
    },
  };
}

function patch(fileId: string, offset: number, body: Readable, length: number): Promise<{ status: number; offset: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${t.url}/api/v1/uploads/${fileId}`, {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${cast.pro.accessToken}`,
        'content-type': 'application/offset+octet-stream',
        'content-length': String(length),
        'upload-offset': String(offset),
        'tus-resumable': '1.0.0',
      },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, offset: String(res.headers['upload-offset']) }));
    });
    req.on('error', reject);
    pipeline(body, req).catch(reject);
  });
}

function hashDownload(fileId: string): Promise<{ status: number; bytes: number; digest: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${t.url}/api/v1/files/${fileId}/content`, { headers: { authorization: `Bearer ${cast.pro.accessToken}` } }, (res) => {
        const hash: Hash = createHash('sha256');
        let bytes = 0;
        const sink = new Writable({
          write(chunk: Buffer, _encoding, callback) {
            hash.update(chunk);
            bytes += chunk.length;
            callback();
          },
        });
        pipeline(res, sink).then(() => resolve({ status: res.statusCode ?? 0, bytes, digest: hash.digest('hex') }), reject);
      })
      .on('error', reject);
  });
}

test('when 1 GiB is uploaded and downloaded over HTTP, then RSS grows by less than 128 MB and the bytes round-trip', async () => {
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 25);
  try {
    const created = await createUpload(t, cast.pro.accessToken, { name: 'scan-archive.tar', size: SIZE });
    expect(created.status).toBe(201);
    const fileId = created.body.id as string;
    const source = keystream('sealpost large file acceptance');

    const uploadStarted = performance.now();
    const first = await patch(fileId, 0, source.part(FIRST_PART), FIRST_PART);
    expect(first).toEqual({ status: 204, offset: String(FIRST_PART) });
    const second = await patch(fileId, FIRST_PART, source.part(SIZE - FIRST_PART), SIZE - FIRST_PART);
    expect(second).toEqual({ status: 204, offset: String(SIZE) });
    const uploadSeconds = (performance.now() - uploadStarted) / 1000;
    const uploadedDigest = source.hash.digest('hex');

    const downloadStarted = performance.now();
    const got = await hashDownload(fileId);
    const downloadSeconds = (performance.now() - downloadStarted) / 1000;
    expect(got).toEqual({ status: 200, bytes: SIZE, digest: uploadedDigest });

    // the end of a large file by range reads only its last segments
    const tail = await download(t, cast.pro.accessToken, fileId, { range: 'bytes=-100' });
    expect([tail.status, tail.body.length, tail.headers.get('content-range')]).toEqual([206, 100, `bytes ${SIZE - 100}-${SIZE - 1}/${SIZE}`]);
    expect(SIZE % SEGMENT).toBe(0);

    peak = Math.max(peak, process.memoryUsage().rss);
    const growthMb = (peak - baseline) / MB;
    process.stdout.write(
      `large file: RSS baseline ${(baseline / MB).toFixed(0)} MB, peak ${(peak / MB).toFixed(0)} MB, growth ${growthMb.toFixed(1)} MB; ` +
        `upload ${(SIZE / MB / uploadSeconds).toFixed(0)} MB/s, download ${(SIZE / MB / downloadSeconds).toFixed(0)} MB/s\n`,
    );
    expect(growthMb).toBeLessThan(128);
  } finally {
    clearInterval(sampler);
  }
}, 600_000);
