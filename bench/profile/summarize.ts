/**
 * Reads a V8 .cpuprofile and tells where the time went: self and inclusive time per function, and self time per
 * area (a package in node_modules, Node's internals, our own backend, the garbage collector, idle).
 * `node dist/bench/bench/profile/summarize.js <file.cpuprofile> [rows]`.
 */
import fs from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface Row {
  name: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  busyMs: number;
  selfByFunction: Row[];
  inclusiveByFunction: Row[];
  selfByArea: Row[];
}

function shortUrl(url: string): string {
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) return url.slice(modules + 'node_modules/'.length);
  const src = url.indexOf('/backend/src/');
  if (src >= 0) return url.slice(src + 1);
  return url.replace(/^file:\/\//, '');
}

function functionKey(frame: CallFrame): string {
  const name = frame.functionName || '(anonymous)';
  return frame.url ? `${name} ${shortUrl(frame.url)}:${frame.lineNumber + 1}` : name;
}

/** A package (scoped names kept whole), node internals, our code, or V8's pseudo-frames such as (garbage collector). */
export function areaOf(frame: CallFrame): string {
  const { url } = frame;
  if (!url) return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const parts = url.slice(modules + 'node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  if (url.startsWith('node:')) return 'node internals';
  const src = url.indexOf('/backend/src/');
  if (src >= 0) return `backend/${url.slice(src + '/backend/src/'.length).split('/')[0]}`;
  return shortUrl(url);
}

function ranked(totals: Map<string, number>, totalMs: number, rows: number): Row[] {
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, rows)
    .map(([name, ms]) => ({ name, ms: Math.round(ms), share: Math.round((ms / totalMs) * 1000) / 10 }));
}

export function summarizeProfile(profile: CpuProfile, rows = 30): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

  // Each sample's time is the gap to the next sample, attributed to the frame on top of the stack.
  const selfMs = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i += 1) {
    const gap = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    selfMs.set(profile.samples[i]!, (selfMs.get(profile.samples[i]!) ?? 0) + gap);
  }
  const totalMs = (profile.endTime - profile.startTime) / 1000;
  const selfByFunction = new Map<string, number>();
  const inclusiveByFunction = new Map<string, number>();
  const selfByArea = new Map<string, number>();
  let idleMs = 0;
  for (const [id, ms] of selfMs) {
    const node = byId.get(id)!;
    const key = functionKey(node.callFrame);
    if (key === '(idle)') idleMs += ms;
    selfByFunction.set(key, (selfByFunction.get(key) ?? 0) + ms);
    const area = areaOf(node.callFrame);
    selfByArea.set(area, (selfByArea.get(area) ?? 0) + ms);
    // Inclusive: every distinct function on the stack gets the sample once (recursion counted once).
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const frameKey = functionKey(byId.get(at)!.callFrame);
      if (seen.has(frameKey)) continue;
      seen.add(frameKey);
      inclusiveByFunction.set(frameKey, (inclusiveByFunction.get(frameKey) ?? 0) + ms);
    }
  }
  for (const pseudo of ['(root)', '(program)', '(idle)']) inclusiveByFunction.delete(pseudo);
  return {
    totalMs: Math.round(totalMs),
    busyMs: Math.round(totalMs - idleMs),
    selfByFunction: ranked(selfByFunction, totalMs, rows),
    inclusiveByFunction: ranked(inclusiveByFunction, totalMs, rows),
    selfByArea: ranked(selfByArea, totalMs, rows),
  };
}

export function formatSummary(summary: ProfileSummary): string {
  const table = (title: string, list: Row[]) =>
    [`${title}`, ...list.map((r) => `${String(r.ms).padStart(7)} ms ${String(r.share).padStart(5)}%  ${r.name}`)].join('\n');
  return [
    `profiled ${summary.totalMs} ms, busy ${summary.busyMs} ms`,
    table('\nself time by area', summary.selfByArea),
    table('\nself time by function', summary.selfByFunction),
    table('\ninclusive time by function', summary.inclusiveByFunction),
  ].join('\n');
}

if (require.main === module) {
  const [file, rows] = process.argv.slice(2);
  if (!file) throw new Error('usage: summarize.js <file.cpuprofile> [rows]');
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  process.stdout.write(`${formatSummary(summarizeProfile(profile, rows ? Number(rows) : 30))}\n`);
}
