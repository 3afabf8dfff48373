/** Builds dist/addin when its inputs changed (a hash check otherwise), for tests that use the real built files. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { TEST_ENTRA_CLIENT_ID } from '../../../backend/src/testing/entraTokens';

const ROOT = path.resolve(__dirname, '../../..');

export async function ensureAddinBuild(): Promise<void> {
  // The default deployment (development origin, SoftBlock), whatever the test runner's environment says, for the tests'
  // Entra app (the simulator offers nested app authentication only to tests that give it an account).
  const env = {
    ...process.env, ADDIN_BASE_URL: '', PUBLIC_URL: '', ADDIN_SEND_MODE: '',
    ENTRA_CLIENT_ID: TEST_ENTRA_CLIENT_ID, ENTRA_APP_ID_URI: '', ENTRA_SCOPE: '',
  };
  await promisify(execFile)(process.execPath, [path.join(ROOT, 'addin/build.mjs')], { cwd: ROOT, env, timeout: 180_000 });
}

export const addinDist = (file = '') => path.join(ROOT, 'dist/addin', file);
