/**
 * The house rules oxlint cannot say with its own rules, as a local oxlint JS plugin (loaded by .oxlintrc.json):
 * an `AppError` is built only by the factories of backend/src/errors.ts (and single sign-on's, signOnErrors.ts), so
 * every code and sentence lives there,
 * under whatever name it was imported; who may import what (the add-in only the contract and the shared UI, commands
 * nothing of http/ or express, the contract only zod and itself), judged on the resolved path of every static,
 * dynamic and require() specifier so that `./../http`, `@contract/../errors` and the like cannot slip past a glob;
 * and Office.js types (`Office.X`) appear only where Office is wrapped. The value side of the Office rule (and
 * `typeof Office`) is the built-in no-restricted-globals, which knows the scopes; this covers the type names it ignores.
 * Plain JavaScript: Node 20 cannot load a TypeScript plugin.
 */
import path from 'node:path';

const OFFICE_GLOBALS = new Set(['Office', 'OfficeRuntime']);

const isOfficeName = (node) => node?.type === 'Identifier' && OFFICE_GLOBALS.has(node.name);

/** The repository root: `npm run lint` (and the lint test's scratch tree) runs oxlint from there. */
const repoRoot = () => process.cwd();

/** The file's path from the repository root, with forward slashes. */
const fromRoot = (file) => path.relative(repoRoot(), path.resolve(file)).split(path.sep).join('/');

/** Files where an AppError may be built: the factories, and the handler that turns framework errors into problems. */
const APP_ERROR_MAKERS = new Set(['backend/src/errors.ts', 'backend/src/signOnErrors.ts', 'backend/src/http/problem.ts']);

const appErrorFromFactories = {
  meta: { type: 'problem', docs: { description: 'AppError is constructed only in backend/src/errors.ts' } },
  create(context) {
    if (APP_ERROR_MAKERS.has(fromRoot(context.filename))) return {};
    // every local name a value import gave AppError (`import { AppError as Problem }`), and namespaces (`import * as e`)
    const locals = new Set(['AppError']);
    const namespaces = new Set();
    const names = (callee) =>
      (callee?.type === 'Identifier' && locals.has(callee.name)) ||
      (callee?.type === 'MemberExpression' && !callee.computed && callee.property.name === 'AppError' && callee.object.type === 'Identifier' && namespaces.has(callee.object.name));
    const report = (node, what) =>
      context.report({ node, message: `Build errors with an \`errors.*\` factory from backend/src/errors.ts (add one there if none fits), not \`${what} AppError\`.` });
    return {
      ImportDeclaration(node) {
        if (node.importKind === 'type') return;
        for (const spec of node.specifiers) {
          if (spec.type === 'ImportSpecifier' && spec.importKind !== 'type' && (spec.imported.name ?? spec.imported.value) === 'AppError') locals.add(spec.local.name);
          if (spec.type === 'ImportNamespaceSpecifier') namespaces.add(spec.local.name);
        }
      },
      NewExpression(node) {
        if (names(node.callee)) report(node, 'new');
      },
      'ClassDeclaration, ClassExpression'(node) {
        if (names(node.superClass)) report(node, 'extends');
      },
    };
  },
};

/** Bare specifiers (packages, node: builtins) and where a relative or aliased one resolves to, from the root. */
function resolveSpecifier(file, specifier) {
  if (specifier.startsWith('@contract/')) return { path: fromRoot(path.resolve(repoRoot(), 'backend/src/contract', specifier.slice('@contract/'.length))) };
  if (specifier.startsWith('.') || specifier.startsWith('/')) return { path: fromRoot(path.resolve(path.dirname(path.resolve(file)), specifier)) };
  return { bare: specifier };
}

const under = (resolved, folder) => resolved === folder || resolved.startsWith(`${folder}/`);
const isPackage = (bare, name) => bare === name || bare.startsWith(`${name}/`);

/**
 * Who may import what, per folder of the importing file; each judge answers a sentence when the import breaks it.
 * Tests of the contract run only in Node and may read files. The add-in's end-to-end suites, which start the real
 * backend, live in backend/test/addin/, so nothing under addin/ reaches the backend beyond the contract and shared UI.
 */
const BOUNDARIES = [
  {
    applies: (file) => under(file, 'addin'),
    judge: ({ path: to }) =>
      to && under(to, 'backend') && !['backend/src/contract', 'backend/web/src/shared'].some((ok) => under(to, ok))
        ? 'The add-in imports from the backend only the contract (@contract/*) and the shared UI (backend/web/src/shared/).'
        : null,
  },
  {
    applies: (file) => under(file, 'backend/src/commands'),
    judge: ({ path: to, bare }) => {
      if (bare && (isPackage(bare, 'express') || isPackage(bare, 'express-serve-static-core'))) return 'Commands know nothing of HTTP: take plain values, return plain values.';
      if (to && under(to, 'backend/src/http')) return 'Commands never import http/: the actor lives in auth/, limits beside the commands that spend them.';
      return null;
    },
  },
  {
    applies: (file) => under(file, 'backend/src/contract') && !/\.test\.tsx?$/.test(file),
    judge: ({ path: to, bare }) =>
      (bare && !isPackage(bare, 'zod')) || (to && !under(to, 'backend/src/contract')) ? 'backend/src/contract/ imports only zod and other contract files.' : null,
  },
];

const importBoundaries = {
  meta: { type: 'problem', docs: { description: 'imports stay within the folders each part of the project may reach' } },
  create(context) {
    const file = fromRoot(context.filename);
    const judges = BOUNDARIES.filter((b) => b.applies(file));
    if (judges.length === 0) return {};
    const check = (source) => {
      if (source?.type !== 'Literal' || typeof source.value !== 'string') return;
      const resolved = resolveSpecifier(context.filename, source.value);
      for (const { judge } of judges) {
        const message = judge(resolved);
        if (message) context.report({ node: source, message });
      }
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      TSExternalModuleReference: (node) => check(node.expression),
      CallExpression(node) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') check(node.arguments[0]);
        // require.resolve names a module to load just the same
        if (node.callee.type === 'MemberExpression' && node.callee.object.type === 'Identifier' && node.callee.object.name === 'require') check(node.arguments[0]);
      },
    };
  },
};

const officeTypesOnlyInOffice = {
  meta: { type: 'problem', docs: { description: 'Office.js types only in addin/src/office/' } },
  create(context) {
    const report = (node, name) =>
      context.report({ node, message: `${name} types belong in addin/src/office/: use or add a type exported from there.` });
    return {
      TSQualifiedName(node) {
        if (!isOfficeName(node.left)) return;
        let outer = node.parent;
        while (outer?.type === 'TSQualifiedName') outer = outer.parent;
        // `typeof Office.x` names the value, which no-restricted-globals already reports.
        if (outer?.type !== 'TSTypeQuery') report(node, node.left.name);
      },
    };
  },
};

export default {
  meta: { name: 'sealpost' },
  rules: {
    'app-error-from-factories': appErrorFromFactories,
    'import-boundaries': importBoundaries,
    'office-types-only-in-office': officeTypesOnlyInOffice,
  },
};
