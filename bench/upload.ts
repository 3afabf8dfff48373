/**
 * upload: one file of BENCH_UPLOAD_BYTES (default 2 GiB) through the real resumable upload API into a running
 * Sealpost (POST to create, PATCH chunks of BENCH_UPLOAD_CHUNK_BYTES at their offsets: encrypt + write to the blob
 * store), then downloaded back (read + decrypt), both sides hashed as the bytes stream so that nothing holds the
 * file. Baseline: in-process AES-256-GCM over the same bytes with the same segment size. The server runs in a child
 * process whose VmRSS is sampled throughout, so its memory growth is the server's alone.
 *
 * Two references explain a missed goal: the disk's fsynced write rate, and the same client against a bare
 * node:http server in the server's process (loopback HTTP with no crypto, database or disk).
 */
import { createHash } from 'node:crypto';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gcmBaseline } from './cryptoBaseline';
import { percentile, round, type Figure } from './lib';
import { patternPieces } from './pattern';
import { startServerProcess, type ServerProcess } from './serverProcess';
import { TransferClient } from './transferClient';

const GiB = 2 ** 30;
const MiB = 2 ** 20;
const MB = 1e6;
const WARM_UP_BYTES = 16 * MiB;

function sizeFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${name} must be a whole number of bytes, not "${raw}"`);
  return value;
}

const median = (values: number[]) => percentile(values, 50);
const seconds = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e9;

/** Bytes per second of `work`, and the server's CPU seconds per GiB while it ran. */
async function timed(server: ServerProcess, bytes: number, work: () => Promise<unknown>): Promise<{ rate: number; seconds: number; cpuPerGiB: number }> {
  const cpuBefore = server.cpuSeconds();
  const started = process.hrtime.bigint();
  await work();
  const took = seconds(started);
  return { rate: bytes / took, seconds: took, cpuPerGiB: (server.cpuSeconds() - cpuBefore) / (bytes / GiB) };
}

/**
 * What the disk under the data dir takes in: 256 MiB written in 1 MiB pieces and fsynced, as a durable upload must.
 * No upload can be faster, so it tells a slow disk from slow code.
 */
async function diskWriteRate(): Promise<number> {
  const size = 256 * MiB;
  const file = path.join(os.tmpdir(), `sealpost-bench-disk-${process.pid}`);
  const handle = await fsp.open(file, 'w', 0o600);
  try {
    const started = process.hrtime.bigint();
    for (const piece of patternPieces(0, size)) await handle.write(piece);
    await handle.sync();
    return size / seconds(started);
  } finally {
    await handle.close();
    await fsp.rm(file, { force: true });
  }
}

export async function uploadBenchmark(): Promise<Figure[]> {
  const size = sizeFromEnv('BENCH_UPLOAD_BYTES', 2 * GiB);
  const chunkBytes = sizeFromEnv('BENCH_UPLOAD_CHUNK_BYTES', 64 * MiB);
  const server = await startServerProcess();
  const client = new TransferClient(server.token);
  const contentUrl = (fileId: string) => `${server.url}/api/v1/files/${fileId}/content`;
  try {
    const rssAtStart = server.rss();
    // a small file first, so that code loaded and compiled on first use does not count as growth
    const warmUp = await client.startUpload(server.url, WARM_UP_BYTES);
    await client.patchAll(`${server.url}${warmUp.uploadUrl}`, WARM_UP_BYTES, WARM_UP_BYTES, createHash('sha256'));
    await client.download(contentUrl(warmUp.id), createHash('sha256'));
    const rssBefore = server.rss();

    const sent = createHash('sha256');
    const started = await client.startUpload(server.url, size);
    const segmentSize = started.chunkMultiple;
    if (chunkBytes % segmentSize !== 0) throw new Error(`BENCH_UPLOAD_CHUNK_BYTES must be a multiple of ${segmentSize}`);
    // the baseline is measured before, between and after the transfers, and the median kept: on a shared machine
    // one short pass can land in someone else's burst and be off several times over
    const passes = [gcmBaseline(size, segmentSize)];
    let patches = 0;
    let stopWatching = server.watchRss();
    const up = await timed(server, size, async () => (patches = await client.patchAll(`${server.url}${started.uploadUrl}`, size, chunkBytes, sent)));
    const uploadPeak = stopWatching();

    passes.push(gcmBaseline(size, segmentSize));
    const received = createHash('sha256');
    let downloaded = 0;
    stopWatching = server.watchRss();
    const down = await timed(server, size, async () => (downloaded = await client.download(contentUrl(started.id), received)));
    const downloadPeak = stopWatching();
    const [sentHash, receivedHash] = [sent.digest('hex'), received.digest('hex')];
    if (downloaded !== size || sentHash !== receivedHash) {
      throw new Error(`the download differs from the upload: ${downloaded} of ${size} bytes, sha256 ${receivedHash} ≠ ${sentHash}`);
    }

    const bareUp = await timed(server, size, () => client.patchAll(`${server.bareUrl}/upload`, size, chunkBytes, createHash('sha256')));
    const bareDown = await timed(server, size, () => client.download(`${server.bareUrl}/download?bytes=${size}`, createHash('sha256')));
    const disk = await diskWriteRate();
    passes.push(gcmBaseline(size, segmentSize));
    const baseline = { encrypt: median(passes.map((p) => p.encrypt)), decrypt: median(passes.map((p) => p.decrypt)) };
    const passesMBps = (key: 'encrypt' | 'decrypt') => passes.map((p) => round(p[key] / MB));

    const growth = Math.max(uploadPeak, downloadPeak) - rssBefore;
    const what = `${round(size / GiB, 2)} GiB, ${round(chunkBytes / MiB, 2)} MiB chunks, ${segmentSize / 1024} KiB segments`;
    const references = (bare: { rate: number }) => ({
      bareHttpMBps: round(bare.rate / MB),
      bareHttpIs: 'the same client against a bare node:http server in the server process: loopback HTTP, no crypto, database or disk',
      diskWriteMBps: round(disk / MB),
      diskIs: 'sequential write + fsync of 256 MiB beside the data dir',
    });
    return [
      {
        name: 'upload',
        figure: `upload, encrypt + write (MB/s, ${what})`,
        value: round(up.rate / MB),
        baseline: round(baseline.encrypt / MB),
        ratio: round(up.rate / baseline.encrypt, 3),
        goal: '≥ 60% of baseline',
        met: up.rate / baseline.encrypt >= 0.6,
        details: {
          seconds: round(up.seconds, 2),
          serverCpuSecondsPerGiB: round(up.cpuPerGiB, 2),
          patches,
          sha256: sentHash,
          baselineIs: 'in-process AES-256-GCM seal, one cipher per segment: median of passes before, between and after the transfers',
          baselinePassesMBps: passesMBps('encrypt'),
          ...references(bareUp),
          bareHttpServerCpuSecondsPerGiB: round(bareUp.cpuPerGiB, 2),
        },
      },
      {
        name: 'upload',
        figure: `download, read + decrypt (MB/s, ${what})`,
        value: round(down.rate / MB),
        baseline: round(baseline.decrypt / MB),
        ratio: round(down.rate / baseline.decrypt, 3),
        goal: '≥ 60% of baseline',
        met: down.rate / baseline.decrypt >= 0.6,
        details: {
          seconds: round(down.seconds, 2),
          serverCpuSecondsPerGiB: round(down.cpuPerGiB, 2),
          sha256: receivedHash,
          baselineIs: 'in-process AES-256-GCM open, one decipher per segment: median of passes before, between and after the transfers',
          baselinePassesMBps: passesMBps('decrypt'),
          ...references(bareDown),
          bareHttpServerCpuSecondsPerGiB: round(bareDown.cpuPerGiB, 2),
        },
      },
      {
        name: 'upload',
        figure: 'server RSS growth during upload and download (MB)',
        value: round(growth / MB),
        baseline: round(rssBefore / MB),
        ratio: null,
        goal: '≤ 64 MB',
        met: growth <= 64 * MB,
        details: {
          baselineIs: `server RSS before the upload, after a ${WARM_UP_BYTES / MiB} MiB upload and download to warm up`,
          rssAtStartMB: round(rssAtStart / MB),
          growthFromStartMB: round((Math.max(uploadPeak, downloadPeak) - rssAtStart) / MB),
          uploadPeakMB: round(uploadPeak / MB),
          downloadPeakMB: round(downloadPeak / MB),
          measuredAs: 'VmRSS of the server child process (/proc/<pid>/status), sampled every 50 ms',
        },
      },
    ];
  } finally {
    client.close();
    await server.stop();
  }
}
