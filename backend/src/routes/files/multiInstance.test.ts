/**
 * Two app instances sharing one database and one Azure container (Azurite on loopback), as behind a load balancer:
 * an upload's chunks may reach either, a file downloads from either, and two chunks for the same offset sent to
 * different instances at once are one write and one 409 upload_busy, because the writer lock is a database lease.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import net from 'node:net';
import { BlobServiceClient } from '@azure/storage-blob';
import { buildApp } from '../../app';
import { startSessionCache, type SessionCache } from '../../auth/sessionCache';
import { openAzureBlobStore } from '../../blobs/azureBlobStore';
import { startAzurite, type Azurite } from '../../testing/azurite';
import { castOrganization, type Cast } from '../../testing/members';
import { startTestServer, type TestServer } from '../../testing/testServer';
import { SEGMENT, createUpload, download, patchChunk, randomData } from './testSupport';

const CONTAINER = 'two-instances';
let azurite: Azurite;
let a: TestServer;
let b: TestServer;
let serverB: Server;
let sessionCacheB: SessionCache;
let cast: Cast;
beforeAll(async () => {
  azurite = await startAzurite();
  const options = { connectionString: azurite.connectionString, container: CONTAINER };
  a = await startTestServer({ blobs: await openAzureBlobStore(options) });
  // the second instance: its own app, its own session cache and its own storage client, on the first one's database
  // and container
  sessionCacheB = await startSessionCache(a.store);
  serverB = createServer(buildApp({ ...a.deps, sessionCache: sessionCacheB, blobs: await openAzureBlobStore(options) }));
  await new Promise<void>((resolve) => serverB.listen(0, '127.0.0.1', resolve));
  b = { ...a, url: `http://127.0.0.1:${(serverB.address() as { port: number }).port}` };
  cast = await castOrganization(a);
  // a second server process, the first app, the storage server and a cast of members: more than one test's time
}, 120_000);
afterAll(async () => {
  if (serverB) {
    serverB.closeAllConnections();
    await new Promise((resolve) => serverB.close(resolve));
  }
  await sessionCacheB?.stop();
  await a?.stop();
  await azurite?.stop();
});

const token = () => cast.pro.accessToken;

async function headOffset(t: TestServer, fileId: string): Promise<string | null> {
  const res = await fetch(`${t.url}/api/v1/uploads/${fileId}`, { method: 'HEAD', headers: { authorization: `Bearer ${token()}`, 'tus-resumable': '1.0.0' } });
  return res.headers.get('upload-offset');
}

async function newUpload(size: number): Promise<string> {
  const res = await createUpload(a, token(), { name: 'scan.pdf', size });
  expect(res.status).toBe(201);
  return res.body.id;
}

test('when chunk 1 goes through one instance and chunk 2 through the other, then the file is whole from either', async () => {
  const data = randomData(3 * SEGMENT + 123);
  const fileId = await newUpload(data.length);
  const first = await patchChunk(a, token(), fileId, 0, data.subarray(0, 2 * SEGMENT));
  expect([first.status, first.headers.get('upload-offset')]).toEqual([204, String(2 * SEGMENT)]);
  expect(await headOffset(b, fileId)).toBe(String(2 * SEGMENT));
  const second = await patchChunk(b, token(), fileId, 2 * SEGMENT, data.subarray(2 * SEGMENT));
  expect([second.status, second.headers.get('upload-offset')]).toEqual([204, String(data.length)]);
  expect((await download(a, token(), fileId)).body.equals(data)).toBe(true);
  expect((await download(b, token(), fileId)).body.equals(data)).toBe(true);
  // the bytes are in the shared container, not on either instance's disk
  const stored = await a.store.files.findById(cast.organizationId, fileId);
  const container = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient(CONTAINER);
  expect(await container.getBlockBlobClient(stored!.blobKey).exists()).toBe(true);
});

test('when two instances get a chunk for the same offset at once, then one writes and the other is 409 upload_busy', async () => {
  const data = randomData(2 * SEGMENT);
  const fileId = await newUpload(data.length);
  // two requests that never finish their bodies, one per instance: the second to arrive must be turned away
  const answers: string[] = [];
  const sockets = [a, b].map((t) => {
    const socket = net.connect(Number(new URL(t.url).port), '127.0.0.1');
    socket.on('error', () => undefined);
    socket.on('data', (chunk) => answers.push(chunk.toString()));
    socket.write(
      `PATCH /api/v1/uploads/${fileId} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token()}\r\n` +
        `Content-Type: application/offset+octet-stream\r\nUpload-Offset: 0\r\nContent-Length: ${data.length}\r\n\r\n`,
    );
    socket.write(data.subarray(0, 1000));
    return socket;
  });
  while (answers.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(answers.join('')).toMatch(/^HTTP\/1\.1 409 [\s\S]*"code":"upload_busy"/);
  // the writer's hold is in the database, where every instance sees it
  expect(await a.store.uploadLeases.isHeld(fileId)).toBe(true);
  for (const socket of sockets) socket.destroy();
  expect(await headOffset(a, fileId)).toBe('0');
  let whole = await patchChunk(b, token(), fileId, 0, data);
  // the instance that held the upload lets go once it has noticed its connection is gone
  while (whole.body?.code === 'upload_busy') whole = await patchChunk(b, token(), fileId, 0, data);
  expect([whole.status, whole.headers.get('upload-offset')]).toEqual([204, String(data.length)]);
  expect((await download(a, token(), fileId)).body.equals(data)).toBe(true);
});

test('when an instance elsewhere holds the lease, then chunks wait for its release, or for it to run out if it died', async () => {
  const data = randomData(SEGMENT);
  const fileId = await newUpload(data.length);
  const elsewhere = randomUUID();
  expect(await a.store.uploadLeases.acquire(fileId, elsewhere, 30)).toBe(true);
  for (const t of [a, b]) expect((await patchChunk(t, token(), fileId, 0, data)).body?.code).toBe('upload_busy');
  await a.store.uploadLeases.release(fileId, elsewhere);
  // a lease of an instance that stopped mid-chunk: it is never released, only runs out
  expect(await a.store.uploadLeases.acquire(fileId, randomUUID(), 0)).toBe(true);
  const res = await patchChunk(b, token(), fileId, 0, data);
  expect([res.status, res.headers.get('upload-offset')]).toEqual([204, String(data.length)]);
});
