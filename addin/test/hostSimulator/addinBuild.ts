/** Builds dist/addin when its inputs changed (a hash check otherwise), for tests that use the real built files. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const ROOT = path.resolve(__dirname, '../../..');

/** The Entra app (client id) the test build bakes in: a test server trusts it with ENTRA_CLIENT_ID set to this. */
export const BUILT_ENTRA_CLIENT_ID = '0d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a';

export async function ensureAddinBuild(): Promise<void> {
  // The default deployment (development origin, SoftBlock), whatever the test runner's environment says, for the tests'
  // Entra app (the simulator offers nested app authentication only to tests that give it an account).
  const env = {
    ...process.env, ADDIN_BASE_URL: '', PUBLIC_URL: '', ADDIN_SEND_MODE: '',
    ENTRA_CLIENT_ID: BUILT_ENTRA_CLIENT_ID, ENTRA_APP_ID_URI: '', ENTRA_SCOPE: '',
  };
  await promisify(execFile)(process.execPath, [path.join(ROOT, 'addin/build.mjs')], { cwd: ROOT, env, timeout: 180_000 });
}

export const addinDist = (file = '') => path.join(ROOT, 'dist/addin', file);
