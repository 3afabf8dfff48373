/**
 * manifest.xml: Office XSD validation (skipped with a notice when the XSDs are absent), the structural
 * checks the XSDs cannot make (each proven to catch its fault by mutating the manifest text), the
 * wiring the Smart Alerts handler relies on, and the icon files in assets/.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkManifest, type ManifestCheckOptions } from '../manifest/checkManifest';
import { manifestIcons, readPngSize } from '../manifest/icons';
import { ManifestParseError, XSI_NS, elements, parseManifest } from '../manifest/manifestDom';
import { rebaseManifest } from '../manifest/rebaseManifest';
import { officeXsdDir, validateManifestSchema, type SchemaResult } from '../manifest/validateSchema';

const repoRoot = path.resolve(__dirname, '..', '..');
const manifestXml = readFileSync(path.join(repoRoot, 'manifest.xml'), 'utf8');
const OPTIONS: ManifestCheckOptions = { commandIds: ['Sealpost.OpenTaskpane'], origin: 'https://localhost:3000' };

/** Replaces one exact occurrence, failing loudly if the text is absent so a mutation can never be a no-op. */
function mutate(from: string, to: string, xml = manifestXml): string {
  const at = xml.indexOf(from);
  if (at < 0 || xml.indexOf(from, at + 1) >= 0) throw new Error(`expected exactly one "${from}" in manifest.xml`);
  return xml.slice(0, at) + to + xml.slice(at + from.length);
}

describe('manifest.xml against the Office XSDs', () => {
  const xsdDir = officeXsdDir(repoRoot);
  let schema: SchemaResult;
  beforeAll(async () => {
    schema = await validateManifestSchema(manifestXml, xsdDir);
    if (schema.status === 'skipped') console.warn(`NOTICE: manifest schema validation skipped: ${schema.reason}`);
  });

  test('when the XSDs are available, then manifest.xml is schema-valid', () => {
    if (schema.status === 'skipped') return;
    expect(schema.errors).toEqual([]);
    expect(schema.valid).toBe(true);
  });

  test('when SendMode has a value the schema does not allow, then validation reports it', async () => {
    const result = await validateManifestSchema(mutate('SendMode="SoftBlock"', 'SendMode="Soft"'), xsdDir);
    if (result.status === 'skipped') return;
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toMatch(/SendMode.*'Soft'/);
  });

  test('when the XSD folder does not exist, then validation is skipped with a reason naming it', async () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'no-xsd-'));
    const result = await validateManifestSchema(manifestXml, empty);
    expect(result).toEqual({ status: 'skipped', reason: expect.stringContaining(empty) });
  });
});

describe('manifest.xml wiring that the add-in code relies on', () => {
  const doc = parseManifest(manifestXml);
  const urlOf = (id: string) =>
    elements(doc, 'Url').find((u) => u.getAttribute('id') === id)?.getAttribute('DefaultValue');

  test('when checked structurally, then it has no problems', () => {
    expect(checkManifest(doc, OPTIONS)).toEqual([]);
  });

  test('when read, then it is a MailApp whose VersionOverrides 1.0 wraps 1.1 requiring Mailbox 1.12, the level of OnMessageSend, so Outlook on Mac (1.13) runs the send check', () => {
    expect(doc.documentElement.getAttributeNS(XSI_NS, 'type')).toBe('MailApp');
    const [outer, inner] = elements(doc, 'VersionOverrides');
    expect(outer?.getAttributeNS(XSI_NS, 'type')).toBe('VersionOverridesV1_0');
    expect(inner?.parentElement).toBe(outer);
    expect(inner?.getAttributeNS(XSI_NS, 'type')).toBe('VersionOverridesV1_1');
    const sets = elements(inner!, 'Sets')[0];
    expect(sets?.getAttribute('DefaultMinVersion')).toBe('1.12');
    expect(elements(sets!, 'Set').map((s) => s.getAttribute('Name'))).toEqual(['Mailbox']);
  });

  test('when read, then the launch events name the handler functions and send is SoftBlock', () => {
    const events = elements(doc, 'LaunchEvent').map((e) => [
      e.getAttribute('Type'), e.getAttribute('FunctionName'), e.getAttribute('SendMode'),
    ]);
    expect(events).toEqual([
      ['OnMessageSend', 'onMessageSendHandler', 'SoftBlock'],
      ['OnMessageRecipientsChanged', 'onMessageRecipientsChangedHandler', null],
      ['OnMessageAttachmentsChanged', 'onMessageAttachmentsChangedHandler', null],
    ]);
  });

  test('when read, then the runtime serves the HTML page and the classic-Windows script override', () => {
    const runtime = elements(doc, 'Runtime')[0]!;
    const override = elements(runtime, 'Override')[0]!;
    expect(urlOf(runtime.getAttribute('resid')!)).toBe('https://localhost:3000/addin/commands.html');
    expect(override.getAttribute('type')).toBe('javascript');
    expect(urlOf(override.getAttribute('resid')!)).toBe('https://localhost:3000/addin/launchevent.js');
  });

  test('when read, then the Sealpost.OpenTaskpane button opens the task pane page', () => {
    const control = elements(doc, 'Control').find((c) => c.getAttribute('id') === 'Sealpost.OpenTaskpane')!;
    const action = elements(control, 'Action')[0]!;
    expect(action.getAttributeNS(XSI_NS, 'type')).toBe('ShowTaskpane');
    expect(urlOf(elements(action, 'SourceLocation')[0]!.getAttribute('resid')!)).toBe(
      'https://localhost:3000/addin/taskpane.html',
    );
  });
});

describe('structural checks catch the faults the schema lets through', () => {
  const only = (xml: string, check: string, text: string | RegExp, options = OPTIONS) =>
    expect(checkManifest(xml, options)).toEqual([{ check, message: expect.stringMatching(text) }]);

  test('when the VersionOverrides ask for more than the launch events need, then clients in between would lose the send check, and the check reports it', () => {
    only(mutate('DefaultMinVersion="1.12"', 'DefaultMinVersion="1.14"'), 'launch-event-requirement', /Mailbox 1\.14, above the 1\.12 .*OnMessageSend/);
  });

  test('when the VersionOverrides ask for less than a declared launch event needs, then the check reports it', () => {
    only(mutate('DefaultMinVersion="1.12"', 'DefaultMinVersion="1.11"'), 'launch-event-requirement', /Mailbox 1\.11, below the 1\.12 that OnMessageSend needs/);
  });

  test('when a resid names no resource, then the resid check reports it', () => {
    only(mutate('<Label resid="Group.Label"/>', '<Label resid="Group.Labl"/>'), 'resid', /"Group\.Labl".*names no ShortStrings/);
  });

  test('when a resid names a resource of the wrong kind, then the resid check reports both kinds', () => {
    only(mutate('<Title resid="OpenTaskpane.Label"/>', '<Title resid="Taskpane.Html"/>'), 'resid', /Urls resource, but it needs ShortStrings/);
  });

  test('when a resource id is defined twice, then the duplicate-resource check reports it', () => {
    const xml = mutate('<bt:String id="Group.Label" DefaultValue="Sealpost"/>',
      '<bt:String id="Group.Label" DefaultValue="Sealpost"/><bt:String id="Group.Label" DefaultValue="Again"/>');
    only(xml, 'duplicate-resource', /ShortStrings resource id "Group\.Label" is defined 2 times/);
  });

  test('when the send event is misspelled OnMesageSend, then the event-type check names it and suggests the fix', () => {
    only(mutate('Type="OnMessageSend"', 'Type="OnMesageSend"'), 'launch-event-type', /"OnMesageSend".*did you mean "OnMessageSend"/);
  });

  test('when OnMessageSend is declared twice, then the duplicate check reports it', () => {
    const line = '<LaunchEvent Type="OnMessageSend" FunctionName="onMessageSendHandler" SendMode="SoftBlock"/>';
    only(mutate(line, line + line.replace('onMessageSendHandler', 'other')), 'launch-event-duplicate', /"OnMessageSend".*more than once/);
  });

  test('when SendMode sits on a non-send event, then the send-mode check reports it', () => {
    only(mutate('FunctionName="onMessageRecipientsChangedHandler"', 'FunctionName="onMessageRecipientsChangedHandler" SendMode="Block"'),
      'send-mode', /not "OnMessageRecipientsChanged"/);
  });

  test('when a FunctionName is not an identifier, then the function-name check reports it', () => {
    only(mutate('FunctionName="onMessageSendHandler"', 'FunctionName="on-send"'), 'function-name', /"on-send"/);
  });

  test('when the LaunchEvent SourceLocation differs from the Runtime resid, then the runtime-source check reports it', () => {
    only(mutate('<SourceLocation resid="EventRuntime.Html"/>', '<SourceLocation resid="Commands.Html"/>'),
      'runtime-source', /"Commands\.Html" does not match any Runtime resid \(Runtime resids: "EventRuntime\.Html"\)/);
  });

  test('when the Runtime lacks the javascript Override, then classic Windows support is reported missing', () => {
    only(mutate('<Override type="javascript" resid="EventRuntime.Js"/>', ''), 'runtime-override', /classic Outlook on Windows/);
  });

  test('when the handler uses a commandId that names no Control, then the command-id check reports it', () => {
    only(manifestXml, 'command-id', /"Sealpost\.OpenTaskPane" names no Control id.*"Sealpost\.OpenTaskpane"/,
      { ...OPTIONS, commandIds: ['Sealpost.OpenTaskPane'] });
  });

  test('when the commandId names a control on a read surface, then the command-id check reports it', () => {
    only(mutate('MessageComposeCommandSurface', 'MessageReadCommandSurface'), 'command-id', /compose command surface/);
  });

  test('when two controls share an id, then the duplicate-id check reports it', () => {
    only(mutate('<Group id="Sealpost.ComposeGroup">', '<Group id="Sealpost.OpenTaskpane">'), 'duplicate-id', /"Sealpost\.OpenTaskpane" is used 2 times/);
  });

  test('when a resource URL uses http://, then the https check reports it', () => {
    only(mutate('id="Taskpane.Html" DefaultValue="https://', 'id="Taskpane.Html" DefaultValue="http://'),
      'https', /Url#Taskpane\.Html \(line \d+\) must be an absolute https:\/\/ URL/);
  });

  test('when an AppDomain uses http://, then the https check reports it', () => {
    only(mutate('<AppDomain>https://localhost:3000</AppDomain>', '<AppDomain>http://localhost:3000</AppDomain>'), 'https', /AppDomain/);
  });

  test('when a string resource embeds an http:// link, then the https check reports it', () => {
    only(mutate('DefaultValue="Send email securely through the Sealpost portal."', 'DefaultValue="See http://example.com"'),
      'https', /non-https URL "http:\/\/example\.com"/);
  });

  test('when a URL is on a second origin, then the origin check reports it', () => {
    only(mutate('https://localhost:3000/help', 'https://help.example.com/'), 'origin', /https:\/\/help\.example\.com.*https:\/\/localhost:3000/);
  });

  test('when a button icon lacks the 80 px image, then the icon-sizes check reports it', () => {
    only(mutate('<bt:Image size="80" resid="Icon.80"/>', ''), 'icon-sizes', /lacks the 80 px/);
  });

  test('when the manifest is not well-formed XML, then parsing throws ManifestParseError', () => {
    expect(() => checkManifest(mutate('</Resources>', ''))).toThrow(ManifestParseError);
  });
});

describe('rebasing the manifest to ADDIN_BASE_URL', () => {
  test('when rebased to an https base with a path, then every URL moves and the checks still pass', () => {
    const xml = rebaseManifest(manifestXml, 'https://mail.example.org/sealpost/');
    expect(xml).not.toContain('localhost');
    expect(xml).toContain('<AppDomain>https://mail.example.org</AppDomain>');
    expect(xml).toContain('DefaultValue="https://mail.example.org/sealpost/addin/launchevent.js"');
    expect(checkManifest(xml, { ...OPTIONS, origin: 'https://mail.example.org' })).toEqual([]);
  });

  test('when the base URL is http, then rebasing refuses', () => {
    expect(() => rebaseManifest(manifestXml, 'http://mail.example.org')).toThrow(/https/);
  });
});

describe('icons referenced by the manifest', () => {
  const icons = manifestIcons(parseManifest(manifestXml));

  test('when listed, then the manifest uses the 16, 32, 64, 80 and 128 px icons', () => {
    expect([...new Set(icons.map((i) => i.size))].sort((a, b) => a - b)).toEqual([16, 32, 64, 80, 128]);
  });

  test.each(icons.map((i) => [i.url, i.size] as const))('when %s is read from assets/, then it is %i px square', (url, size) => {
    const { pathname } = new URL(url);
    expect(pathname).toMatch(/^\/assets\/[\w.-]+\.png$/);
    const bytes = readFileSync(path.join(repoRoot, pathname));
    expect(readPngSize(bytes)).toEqual({ width: size, height: size });
  });

  test('when a file is not a PNG, then reading its size throws', () => {
    expect(() => readPngSize(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toThrow(/not a PNG/);
  });
});

describe('shared and delegate mailboxes', () => {
  test('when Outlook reads the desktop form factor, then it declares support for shared folders and mailboxes, where the schema allows it', async () => {
    const desktop = elements(parseManifest(manifestXml), 'DesktopFormFactor');
    expect(desktop).toHaveLength(1);
    expect(elements(desktop[0]!, 'SupportsSharedFolders').map((e) => e.textContent)).toEqual(['true']);
    // The XSD fixes its place: first in DesktopFormFactor. Moved after FunctionFile, validation must fail.
    const moved = mutate(
      '<SupportsSharedFolders>true</SupportsSharedFolders>\n            <FunctionFile resid="Commands.Html"/>',
      '<FunctionFile resid="Commands.Html"/>\n            <SupportsSharedFolders>true</SupportsSharedFolders>',
    );
    const result = await validateManifestSchema(moved, officeXsdDir(repoRoot));
    if (result.status !== 'skipped') expect(result.valid).toBe(false);
  });
});
