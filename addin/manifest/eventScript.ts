/**
 * What the Smart Alerts script (launchevent.js) may contain so that classic Outlook on Windows loads and runs it,
 * checked by the build on the minified output (swc rewrites syntax, not library calls, and its minifier adds syntax).
 *
 * Microsoft, "Troubleshoot event-based and spam-reporting add-ins" (learn.microsoft.com/office/dev/add-ins/outlook/
 * troubleshoot-event-based-and-spam-reporting-add-ins), "Check manifest and JavaScript requirements": in classic
 * Outlook on Windows before Version 2403 (Build 17425.20000) the event script "only supports ECMAScript 2016 and
 * earlier"; `async`/`await` "will cause the add-in to time out"; the conditional (ternary) operator "will prevent
 * your add-in from loading". All handler code must be bundled into that one file (no module loader).
 * Our manifest asks for Mailbox 1.12 (Smart Alerts), which classic Windows implements from Version 2206 (Build
 * 15330.20196), before that limit: builds 2206 to 2402 run this script under these rules, and a script that broke them
 * would silently never load there, leaving their sends unchecked.
 */
import { parse, type Node } from 'acorn';

/** The ECMAScript edition the JavaScript-only runtime is documented to run. */
export const EVENT_SCRIPT_ECMA_VERSION = 2016;

/** Library calls newer than ES2016 (or absent from the runtime) that a syntax parse cannot see. */
export const NEWER_BUILT_INS = [
  'Object.entries', 'Object.values', 'Object.fromEntries', 'padStart', 'padEnd', '.finally(', 'replaceAll', 'globalThis',
  'structuredClone', 'TextEncoder', 'TextDecoder', 'atob(', 'btoa(', 'sessionStorage', 'document.cookie',
];

/** Loaders and development code that must never reach the runtime. */
const FORBIDDEN_TEXT = ['webpack-dev-server', 'webpackHotUpdate', 'module.hot', 'import.meta', '__webpack_require__', 'sockjs'];

type AnyNode = Node & Record<string, unknown>;

/** Every node of an ESTree, depth first. */
function* walk(node: unknown): Generator<AnyNode> {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const child of node) yield* walk(child);
    return;
  }
  const n = node as AnyNode;
  if (typeof n.type === 'string') yield n;
  for (const key of Object.keys(n)) if (key !== 'type' && typeof n[key] === 'object') yield* walk(n[key]);
}

const parseScript = (source: string) => parse(source, { ecmaVersion: EVENT_SCRIPT_ECMA_VERSION, sourceType: 'script' });

/** Everything in `source` the documented runtime would refuse; empty when it may ship. */
export function eventScriptProblems(source: string, options: { builtIns?: readonly string[] } = {}): string[] {
  let tree: Node;
  try {
    tree = parseScript(source);
  } catch (error) {
    // async/await, optional chaining, ?? , class fields, import/export … all fail here.
    return [`not an ES${EVENT_SCRIPT_ECMA_VERSION} classic script: ${(error as Error).message}`];
  }
  const problems: string[] = [];
  const nodes = [...walk(tree)];
  const conditionals = nodes.filter((n) => n.type === 'ConditionalExpression');
  if (conditionals.length) problems.push(`${conditionals.length} conditional (ternary) expression(s), first at offset ${conditionals[0]!.start}`);
  const loaders = nodes.filter((n) => {
    const callee = n.type === 'CallExpression' ? (n.callee as { type: string; name?: string }) : null;
    return callee?.type === 'Identifier' && ['require', 'importScripts', 'define'].includes(callee.name!);
  });
  if (loaders.length) problems.push(`loads modules (${loaders.length} call(s) to require/importScripts/define)`);
  for (const text of [...(options.builtIns ?? NEWER_BUILT_INS), ...FORBIDDEN_TEXT]) if (source.includes(text)) problems.push(`uses ${text}`);
  const unguarded = unguardedGlobals(nodes, 'localStorage');
  if (unguarded.length) problems.push(`uses localStorage without a typeof guard, first at offset ${unguarded[0]!.start}`);
  return problems;
}

/**
 * References to a global the JavaScript-only runtime lacks (classic Windows has no localStorage) that are not
 * behind `typeof name`: each must sit inside a conditional whose test, or a logical expression whose left side,
 * reads `typeof name` (also after withoutConditionals turned `t ? a : b` into `t && [a] || [b]`).
 */
function unguardedGlobals(nodes: AnyNode[], name: string): AnyNode[] {
  const isGuard = (n: AnyNode) => n.type === 'UnaryExpression' && n.operator === 'typeof' && (n.argument as { name?: string }).name === name;
  const guards = nodes.filter((n) => {
    const test = n.type === 'ConditionalExpression' ? n.test : n.type === 'LogicalExpression' ? n.left : null;
    return test !== null && [...walk(test)].some(isGuard);
  });
  const properties = new Set<unknown>(nodes.filter((n) => n.type === 'MemberExpression' && !n.computed).map((n) => n.property));
  const keys = new Set<unknown>(nodes.filter((n) => n.type === 'Property').map((n) => n.key));
  return nodes.filter(
    (n) =>
      n.type === 'Identifier' && n.name === name && !properties.has(n) && !keys.has(n) &&
      !guards.some((g) => g.start <= n.start && n.end <= g.end),
  );
}

/**
 * Rewrites every `t ? a : b` as `(0, ((t) && [(a)] || [(b)])[0])`: the same value, `t` evaluated once, only the
 * chosen branch evaluated, `this`/`arguments`/`yield` untouched (no function is introduced), and the `0,` keeps a
 * call of the result from receiving the array as `this`. Outermost first, one pass per level of nesting; the result
 * is checked again by eventScriptProblems.
 */
export function withoutConditionals(source: string): string {
  let text = source;
  for (let pass = 0; pass < 64; pass++) {
    let tree: Node;
    try {
      tree = parseScript(text);
    } catch {
      return text; // not ES2016 at all: eventScriptProblems says why
    }
    const conditionals = [...walk(tree)].filter((n) => n.type === 'ConditionalExpression');
    if (!conditionals.length) return text;
    // Outermost ones only: nested ones are inside their slices and wait for the next pass.
    const outermost: AnyNode[] = [];
    for (const node of conditionals.sort((a, b) => a.start - b.start)) {
      const last = outermost[outermost.length - 1];
      if (!last || node.start >= last.end) outermost.push(node);
    }
    let out = '';
    let at = 0;
    for (const node of outermost) {
      const part = (child: unknown) => {
        const c = child as Node;
        return text.slice(c.start, c.end);
      };
      out += `${text.slice(at, node.start)}(0,((${part(node.test)})&&[(${part(node.consequent)})]||[(${part(node.alternate)})])[0])`;
      at = node.end;
    }
    text = out + text.slice(at);
  }
  throw new Error('conditional expressions nested deeper than 64 levels');
}
