/**
 * Validates manifest.xml against Microsoft's add-in manifest XSDs with xmllint-wasm (no system package).
 * The XSDs live outside the repository (../shared/office-xsd or OFFICE_XSD_DIR); when they are absent the
 * result says "skipped" with the reason, so callers can report it instead of failing.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { validateXML } from 'xmllint-wasm';

export const WRAPPER_XSD = 'OfficeAddinManifest.wrapper.xsd';

/** The six Microsoft schemas the wrapper imports; all are preloaded because xmllint-wasm does no file IO. */
export const OFFICE_XSDS = [
  'OfficeAppBasicTypesV1_0.xsd',
  'ContentAppVersionOverridesV1_0.xsd',
  'TaskPaneAppVersionOverridesV1_0.xsd',
  'MailAppVersionOverridesV1_1.xsd',
  'MailAppVersionOverridesV1_0.xsd',
  'OfficeAppManifest.xsd',
] as const;

export type SchemaResult =
  | { status: 'skipped'; reason: string }
  | { status: 'checked'; valid: boolean; errors: string[] };

/** OFFICE_XSD_DIR when set, else <repo>/../shared/office-xsd. */
export function officeXsdDir(repoRoot: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.OFFICE_XSD_DIR || path.resolve(repoRoot, '..', 'shared', 'office-xsd');
}

export async function validateManifestSchema(manifestXml: string, xsdDir: string): Promise<SchemaResult> {
  const needed = [WRAPPER_XSD, ...OFFICE_XSDS];
  const missing = needed.filter((name) => !existsSync(path.join(xsdDir, name)));
  if (missing.length) {
    return { status: 'skipped', reason: `Office XSDs not found in ${xsdDir} (missing ${missing.join(', ')})` };
  }
  const load = (fileName: string) => ({ fileName, contents: readFileSync(path.join(xsdDir, fileName), 'utf8') });
  const result = await validateXML({
    xml: [{ fileName: 'manifest.xml', contents: manifestXml }],
    schema: [load(WRAPPER_XSD)],
    preload: OFFICE_XSDS.map(load),
  });
  // The wrapper knowingly triggers one "Skipping import" parser warning (see the XSD README); it is not an error.
  const errors = result.errors.map((e) => e.rawMessage).filter((m) => !/Schemas parser warning/.test(m));
  return { status: 'checked', valid: result.valid, errors };
}
