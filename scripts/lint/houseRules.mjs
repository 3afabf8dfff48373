/**
 * The house rules oxlint cannot say with its own rules, as a local oxlint JS plugin (loaded by .oxlintrc.json):
 * an `AppError` is built only by the `errors.*` factories, so every code and sentence lives in backend/src/errors.ts;
 * and Office.js types (`Office.X`) appear only where Office is wrapped. The value side of the Office rule (and
 * `typeof Office`) is the built-in no-restricted-globals, which knows the scopes; this covers the type names it ignores.
 * Plain JavaScript: Node 20 cannot load a TypeScript plugin.
 */
const OFFICE_GLOBALS = new Set(['Office', 'OfficeRuntime']);

const isOfficeName = (node) => node?.type === 'Identifier' && OFFICE_GLOBALS.has(node.name);

const appErrorFromFactories = {
  meta: { type: 'problem', docs: { description: 'AppError is constructed only in backend/src/errors.ts' } },
  create(context) {
    return {
      NewExpression(node) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'AppError') {
          context.report({ node, message: 'Build errors with an `errors.*` factory from backend/src/errors.ts (add one there if none fits), not `new AppError`.' });
        }
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
  rules: { 'app-error-from-factories': appErrorFromFactories, 'office-types-only-in-office': officeTypesOnlyInOffice },
};
