/**
 * Resource lookups for the manifest: which kind of resource a `resid` must name, and what it resolves to.
 * Office resolves a resid only inside the Resources of the VersionOverrides that contains it.
 */
import { childElements, closest, elements, type XmlDocument, type XmlElement } from './manifestDom';

export const RESOURCE_KINDS = ['Images', 'Urls', 'ShortStrings', 'LongStrings'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

export type ResourceTable = Map<ResourceKind, Map<string, XmlElement[]>>;

/** The resource kind a referencing element needs, by its role in the schema. */
export function expectedKind(ref: XmlElement): ResourceKind | null {
  switch (ref.localName) {
    case 'Image':
      return 'Images';
    case 'SourceLocation':
    case 'FunctionFile':
    case 'Runtime':
    case 'Override':
      return 'Urls';
    case 'Label':
    case 'Title':
    case 'Tooltip':
      return 'ShortStrings';
    case 'Description':
      return 'LongStrings';
    default:
      return null;
  }
}

/** id -> definitions (more than one means a duplicate) for each kind, from one VersionOverrides. */
export function resourceTable(versionOverrides: XmlElement): ResourceTable {
  const table: ResourceTable = new Map(RESOURCE_KINDS.map((k) => [k, new Map<string, XmlElement[]>()]));
  const resources = childElements(versionOverrides, 'Resources')[0];
  if (!resources) return table;
  for (const kind of RESOURCE_KINDS) {
    for (const group of childElements(resources, kind)) {
      for (const def of childElements(group)) {
        const id = def.getAttribute('id');
        if (id === null) continue;
        const byId = table.get(kind)!;
        byId.set(id, [...(byId.get(id) ?? []), def]);
      }
    }
  }
  return table;
}

/** The innermost VersionOverrides around a reference: that is where its Resources live. */
export function resourceScope(ref: XmlElement): XmlElement | null {
  return closest(ref, 'VersionOverrides');
}

/** Resolves a resid to its resource element of the given kind, or undefined. */
export function lookup(table: ResourceTable, kind: ResourceKind, id: string): XmlElement | undefined {
  return table.get(kind)?.get(id)?.[0];
}

/** Every element carrying a resid attribute. */
export function references(doc: XmlDocument): XmlElement[] {
  return elements(doc, '*').filter((el) => el.hasAttribute('resid'));
}

/** The URL a resid of kind Urls/Images points to, resolved in the reference's own scope. */
export function resolveUrl(ref: XmlElement, kind: 'Urls' | 'Images'): string | undefined {
  const scope = resourceScope(ref);
  const id = ref.getAttribute('resid');
  if (!scope || id === null) return undefined;
  return lookup(resourceTable(scope), kind, id)?.getAttribute('DefaultValue') ?? undefined;
}
