/**
 * What the host simulator learns from manifest.xml, as Outlook would: the task pane and event script URLs, the
 * compose-surface control ids a Smart Alerts commandId may name, the button label, the launch events, and the
 * support page.
 * URLs on the development origin are mapped to where the test serves the add-in.
 */
import { elements, extensionPointType, parseManifest } from '../../manifest/manifestDom';
import { DEV_ORIGIN } from '../../manifest/rebaseManifest';
import { resolveUrl } from '../../manifest/resources';

export interface ManifestFacts {
  displayName: string;
  taskpaneUrl: string;
  /** The JavaScript-only runtime's script (classic Outlook on Windows). */
  runtimeScriptUrl: string;
  composeCommandIds: string[];
  buttonLabel: string;
  launchEvents: { type: string; functionName: string; sendMode: string | null }[];
  /** SupportUrl: where Outlook sends people for help. */
  supportUrl: string;
  /** VersionOverrides' DefaultMinVersion: a client below it loads neither the button nor the launch events. */
  overridesMinVersion: string;
}

export function readManifestFacts(xml: string, addinOrigin: string): ManifestFacts {
  const doc = parseManifest(xml);
  const moved = (url: string | undefined) => {
    if (!url) throw new Error('manifest: a URL the simulator needs is missing');
    return url.startsWith(DEV_ORIGIN) ? addinOrigin + url.slice(DEV_ORIGIN.length) : url;
  };
  const controls = elements(doc, 'Control').filter((c) => extensionPointType(c) === 'MessageComposeCommandSurface');
  const button = controls[0];
  if (!button) throw new Error('manifest: no button on the compose surface');
  const action = elements(button, 'Action')[0]!;
  const labelId = elements(button, 'Label')[0]!.getAttribute('resid');
  const label = elements(doc, 'String').find((s) => s.getAttribute('id') === labelId)?.getAttribute('DefaultValue') ?? '';
  const override = elements(doc, 'Override').find((o) => o.getAttribute('type') === 'javascript');
  return {
    displayName: elements(doc, 'DisplayName')[0]?.getAttribute('DefaultValue') ?? 'Add-in',
    taskpaneUrl: moved(resolveUrl(elements(action, 'SourceLocation')[0]!, 'Urls')),
    runtimeScriptUrl: moved(override ? resolveUrl(override, 'Urls') : undefined),
    composeCommandIds: controls.map((c) => c.getAttribute('id')!),
    buttonLabel: label,
    launchEvents: elements(doc, 'LaunchEvent').map((e) => ({
      type: e.getAttribute('Type')!,
      functionName: e.getAttribute('FunctionName')!,
      sendMode: e.getAttribute('SendMode'),
    })),
    supportUrl: moved(elements(doc, 'SupportUrl')[0]?.getAttribute('DefaultValue') ?? undefined),
    overridesMinVersion: elements(elements(doc, 'VersionOverrides')[0]!, 'Sets')[0]?.getAttribute('DefaultMinVersion') ?? '1.1',
  };
}
