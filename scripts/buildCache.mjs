// Shared by the web-page and add-in builds: skip a build whose inputs have not changed, and let only one
// process build at a time (npm start, prepare and tests may all ask at once).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export function filesUnder(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

/** One hash over the files' paths (relative to root) and contents, plus anything else that shapes the output. */
export function hashInputs(root, files, extra = '') {
  const hash = createHash('sha256').update(extra);
  for (const file of [...files].sort()) hash.update(path.relative(root, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  return hash.digest('hex');
}

/** The stamp names the inputs' hash and every file the build wrote; all must still be there. */
export function upToDate(stampFile, outDir, hash) {
  try {
    const stamp = JSON.parse(fs.readFileSync(stampFile, 'utf8'));
    return stamp.inputs === hash && stamp.files.every((file) => fs.existsSync(path.join(outDir, file)));
  } catch {
    return false;
  }
}

export async function withLock(lockDir, fn, staleMs = 180_000) {
  fs.mkdirSync(path.dirname(lockDir), { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      // A lock older than staleMs belongs to a build that died; take it over.
      const age = Date.now() - (fs.statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs ?? 0);
      if (age > staleMs) fs.rmSync(lockDir, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}
