/**
 * Structural checks on manifest.xml that the Office XSDs cannot make: resid references, LaunchEvent names
 * and runtime wiring, Smart Alerts commandIds, HTTPS-only URLs on one origin, icon sets.
 * Used by addin/test/manifest.test.ts and by any build step that rewrites the manifest.
 */
import { LAUNCH_EVENT_MAILBOX, LAUNCH_EVENT_TYPES, SEND_EVENT_TYPES, suggestLaunchEvent } from './launchEvents';
import {
  allValues, childElements, closest, describe, elements, extensionPointType, parseManifest, xsiType,
  type XmlDocument, type XmlElement,
} from './manifestDom';
import { RESOURCE_KINDS, expectedKind, lookup, references, resourceScope, resourceTable } from './resources';

export type ManifestCheck =
  | 'resid'
  | 'duplicate-resource'
  | 'launch-event-type'
  | 'launch-event-duplicate'
  | 'launch-event-requirement'
  | 'send-mode'
  | 'function-name'
  | 'runtime-source'
  | 'runtime-override'
  | 'command-id'
  | 'duplicate-id'
  | 'https'
  | 'origin'
  | 'icon-sizes';

export interface ManifestProblem {
  check: ManifestCheck;
  message: string;
}

export interface ManifestCheckOptions {
  /** Control ids the code passes as Smart Alerts `commandId`; each must be a compose-surface Button. */
  commandIds?: readonly string[];
  /** When set, every manifest URL must be on this origin, so one string replacement can rebase it. */
  origin?: string;
}

/** Runs every structural check; an empty array means the manifest is sound. */
export function checkManifest(manifest: string | XmlDocument, options: ManifestCheckOptions = {}): ManifestProblem[] {
  const doc = typeof manifest === 'string' ? parseManifest(manifest) : manifest;
  return [
    ...checkResids(doc),
    ...checkLaunchEvents(doc),
    ...checkCommandIds(doc, options.commandIds ?? []),
    ...checkUniqueIds(doc),
    ...checkUrls(doc, options.origin),
    ...checkIconSizes(doc),
  ];
}

function checkResids(doc: XmlDocument): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  for (const ref of references(doc)) {
    const id = ref.getAttribute('resid')!;
    const scope = resourceScope(ref);
    const table = scope ? resourceTable(scope) : undefined;
    const kind = expectedKind(ref);
    const kinds = kind ? [kind] : RESOURCE_KINDS;
    if (table && kinds.some((k) => lookup(table, k, id))) continue;
    const elsewhere = table ? RESOURCE_KINDS.filter((k) => lookup(table, k, id)) : [];
    const need = kind ?? 'any';
    const message = elsewhere.length
      ? `resid "${id}" on ${describe(ref)} names a ${elsewhere.join('/')} resource, but it needs ${need}`
      : `resid "${id}" on ${describe(ref)} names no ${need} resource`;
    problems.push({ check: 'resid', message });
  }
  for (const scope of elements(doc, 'VersionOverrides')) {
    for (const [kind, byId] of resourceTable(scope)) {
      for (const [id, defs] of byId) {
        if (defs.length > 1) {
          problems.push({ check: 'duplicate-resource', message: `${kind} resource id "${id}" is defined ${defs.length} times` });
        }
      }
    }
  }
  return problems;
}

function checkLaunchEvents(doc: XmlDocument): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  const seen = new Set<string>();
  for (const event of elements(doc, 'LaunchEvent')) {
    const type = event.getAttribute('Type') ?? '';
    if (!LAUNCH_EVENT_TYPES.has(type)) {
      const hint = suggestLaunchEvent(type);
      problems.push({
        check: 'launch-event-type',
        message: `LaunchEvent Type "${type}" is not an event Office raises${hint ? ` (did you mean "${hint}"?)` : ''}`,
      });
    }
    if (seen.has(type)) {
      problems.push({ check: 'launch-event-duplicate', message: `LaunchEvent Type "${type}" is declared more than once` });
    }
    seen.add(type);
    if (event.hasAttribute('SendMode') && LAUNCH_EVENT_TYPES.has(type) && !SEND_EVENT_TYPES.has(type)) {
      problems.push({ check: 'send-mode', message: `SendMode is only used by OnMessageSend/OnAppointmentSend, not "${type}"` });
    }
    const fn = event.getAttribute('FunctionName') ?? '';
    // Office.actions.associate maps this name to a JavaScript function, so it must be a plain identifier.
    if (!/^[A-Za-z_$][\w$]*$/.test(fn)) {
      problems.push({ check: 'function-name', message: `LaunchEvent "${type}" FunctionName "${fn}" is not a JavaScript identifier` });
    }
  }
  for (const point of elements(doc, 'ExtensionPoint').filter((p) => xsiType(p) === 'LaunchEvent')) {
    problems.push(...checkLaunchRuntime(point));
  }
  problems.push(...checkLaunchRequirement(doc, [...seen]));
  return problems;
}

const minor = (version: string) => Number(version.split('.')[1] ?? 0);

/**
 * The VersionOverrides' DefaultMinVersion gates the launch events: a client below it loads none of them. It must be
 * no lower than the newest declared event (a client at that level would lack it) and no higher: a higher minimum
 * leaves clients that run those events without them (Outlook on Mac, Mailbox 1.13, lost the send check that way).
 */
function checkLaunchRequirement(doc: XmlDocument, types: string[]): ManifestProblem[] {
  // An unknown event is reported by its own check; its level is unknown, so nothing is compared.
  if (types.some((t) => !LAUNCH_EVENT_TYPES.has(t))) return [];
  const levels = types.map((t) => LAUNCH_EVENT_MAILBOX.get(t)).filter((v): v is string => typeof v === 'string');
  const overrides = elements(doc, 'VersionOverrides')[0];
  if (!levels.length || !overrides) return [];
  const needed = levels.reduce((a, b) => (minor(b) > minor(a) ? b : a));
  const declared = elements(overrides, 'Sets')[0]?.getAttribute('DefaultMinVersion') ?? '1.1';
  if (minor(declared) === minor(needed)) return [];
  const newest = types.filter((t) => LAUNCH_EVENT_MAILBOX.get(t) === needed).join(', ');
  const message =
    minor(declared) < minor(needed)
      ? `VersionOverrides require Mailbox ${declared}, below the ${needed} that ${newest} needs`
      : `VersionOverrides require Mailbox ${declared}, above the ${needed} the launch events need (${newest}): clients between load no launch events at all; feature-detect what needs more at run time`;
  return [{ check: 'launch-event-requirement', message }];
}

/** The LaunchEvent's SourceLocation must name a Runtime, and that Runtime needs the classic-Windows script. */
function checkLaunchRuntime(point: XmlElement): ManifestProblem[] {
  const source = childElements(point, 'SourceLocation')[0]?.getAttribute('resid') ?? '';
  const host = closest(point, 'Host');
  const runtimes = host ? elements(host, 'Runtime') : [];
  const runtime = runtimes.find((r) => r.getAttribute('resid') === source);
  if (!runtime) {
    const known = runtimes.map((r) => `"${r.getAttribute('resid')}"`).join(', ') || 'none';
    return [{
      check: 'runtime-source',
      message: `LaunchEvent SourceLocation resid "${source}" does not match any Runtime resid (Runtime resids: ${known})`,
    }];
  }
  const hasScript = childElements(runtime, 'Override').some((o) => o.getAttribute('type') === 'javascript');
  if (hasScript) return [];
  return [{
    check: 'runtime-override',
    message: `Runtime "${source}" has no <Override type="javascript">, so classic Outlook on Windows cannot run the event handlers`,
  }];
}

const COMPOSE_SURFACES = new Set(['MessageComposeCommandSurface', 'AppointmentOrganizerCommandSurface']);

function checkCommandIds(doc: XmlDocument, commandIds: readonly string[]): ManifestProblem[] {
  const controls = elements(doc, 'Control').filter((c) => c.hasAttribute('id'));
  const problems: ManifestProblem[] = [];
  for (const commandId of commandIds) {
    const control = controls.find((c) => c.getAttribute('id') === commandId);
    if (!control) {
      const known = controls.map((c) => `"${c.getAttribute('id')}"`).join(', ') || 'none';
      problems.push({ check: 'command-id', message: `commandId "${commandId}" names no Control id (Control ids: ${known})` });
      continue;
    }
    // Smart Alerts opens the command from the compose window that is being sent.
    const surface = extensionPointType(control);
    if (xsiType(control) !== 'Button' || !surface || !COMPOSE_SURFACES.has(surface)) {
      problems.push({
        check: 'command-id',
        message: `commandId "${commandId}" must name a Button on a compose command surface, found ${xsiType(control)} on ${surface}`,
      });
    }
  }
  return problems;
}

function checkUniqueIds(doc: XmlDocument): ManifestProblem[] {
  const counts = new Map<string, number>();
  for (const el of [...elements(doc, 'Group'), ...elements(doc, 'Control')]) {
    const id = el.getAttribute('id');
    if (id !== null) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return [...counts]
    .filter(([, n]) => n > 1)
    .map(([id, n]) => ({ check: 'duplicate-id' as const, message: `Group/Control id "${id}" is used ${n} times` }));
}

const URL_HOLDERS = new Set(['IconUrl', 'HighResolutionIconUrl', 'SupportUrl']);

/** The values in URL positions: resource URLs/images, icon and support URLs, form SourceLocations, AppDomains. */
export function manifestUrls(doc: XmlDocument): { where: XmlElement; value: string }[] {
  const found: { where: XmlElement; value: string }[] = [];
  for (const el of elements(doc, '*')) {
    const parent = el.parentElement?.localName ?? '';
    const isResourceUrl = (parent === 'Images' || parent === 'Urls') && el.hasAttribute('DefaultValue');
    const isSetting = URL_HOLDERS.has(el.localName) || (el.localName === 'SourceLocation' && !el.hasAttribute('resid'));
    if (isResourceUrl || isSetting) {
      found.push({ where: el, value: el.getAttribute('DefaultValue') ?? '' });
      for (const locale of childElements(el, 'Override')) found.push({ where: locale, value: locale.getAttribute('Value') ?? '' });
    }
    if (el.localName === 'AppDomain') found.push({ where: el, value: (el.textContent ?? '').trim() });
  }
  return found;
}

function checkUrls(doc: XmlDocument, origin: string | undefined): ManifestProblem[] {
  const problems = new Map<string, ManifestProblem>();
  const add = (check: ManifestCheck, message: string) => problems.set(message, { check, message });
  const checked = new Set<string>();
  for (const { where, value } of manifestUrls(doc)) {
    checked.add(`${where.line}:${value}`);
    let url: URL | undefined;
    try {
      url = new URL(value);
    } catch {
      url = undefined;
    }
    if (!url || url.protocol !== 'https:') {
      add('https', `${describe(where)} must be an absolute https:// URL, found "${value}"`);
    } else if (origin !== undefined && url.origin !== origin) {
      add('origin', `${describe(where)} is on ${url.origin}, but every URL must be on ${origin}`);
    }
  }
  // Catch URLs in places the list above does not know about (strings, future elements).
  for (const { where, value } of allValues(doc)) {
    if (checked.has(`${where.line}:${value}`)) continue;
    for (const match of value.matchAll(/\b([a-z][a-z0-9+.-]*):\/\/[^\s"'<>]*/gi)) {
      if (match[1]!.toLowerCase() !== 'https') add('https', `${describe(where)} contains a non-https URL "${match[0]}"`);
    }
  }
  return [...problems.values()];
}

const REQUIRED_ICON_SIZES = [16, 32, 80];

function checkIconSizes(doc: XmlDocument): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  for (const icon of elements(doc, 'Icon')) {
    const sizes = new Set(childElements(icon, 'Image').map((img) => Number(img.getAttribute('size'))));
    const missing = REQUIRED_ICON_SIZES.filter((s) => !sizes.has(s));
    if (missing.length) {
      problems.push({ check: 'icon-sizes', message: `${describe(icon)} lacks the ${missing.join(', ')} px image(s) Outlook requires` });
    }
  }
  return problems;
}
