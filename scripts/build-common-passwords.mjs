// Builds backend/src/auth/common-passwords.json from the frequency-ranked list in @zxcvbn-ts/language-common:
// the 1,000 most common passwords that the length rule (8+) would otherwise let through.
// Run with `npm run gen:passwords` after upgrading that package; the output is committed.
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const ranked = require('@zxcvbn-ts/language-common').dictionary['passwords-common'];
const seen = new Set();
for (const password of ranked) {
  const normalized = password.toLowerCase();
  if ([...normalized].length >= 8) seen.add(normalized);
  if (seen.size === 1000) break;
}
const out = new URL('../backend/src/auth/common-passwords.json', import.meta.url);
writeFileSync(out, `${JSON.stringify([...seen], null, 0).replace(/","/g, '",\n"')}\n`);
console.log(`wrote ${seen.size} passwords to ${out.pathname}`);
