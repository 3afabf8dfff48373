/**
 * The house rules in .oxlintrc.json bite: the project's own config and plugin lint a scratch tree that mirrors the
 * repository's folders, holding one file that breaks each rule beside files the rules allow, and exactly the
 * breaking lines are reported. A glob that stops matching, or a rule that is switched off, fails here.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
/** The installed oxlint's command line (its package exports only the entry, which sits in dist/). */
const oxlintBin = path.join(path.dirname(require.resolve('oxlint')), '../bin/oxlint');
const houseRules = new Set(['sealpost(import-boundaries)', 'eslint(no-restricted-imports)', 'eslint(no-restricted-globals)', 'sealpost(app-error-from-factories)', 'sealpost(office-types-only-in-office)']);

/** Each file's lines; a line ending in `// breaks: <rule>` must be reported with that rule, every other line must not. */
const probes: Record<string, string[]> = {
  'addin/src/panel/reach.ts': [
    "import { accentOf } from '../../../backend/src/mail/brand'; // breaks: sealpost(import-boundaries)",
    "import type { Outcome } from '../../../backend/src/contract/recipients';",
    "import { renderPage } from '../../../backend/web/src/shared/renderPage';",
    "import { startTestServer } from '../../../backend/src/testing/testServer'; // breaks: sealpost(import-boundaries)",
    'export const used = [accentOf, renderPage, startTestServer] as unknown as Outcome;',
  ],
  // addin/test holds no end-to-end suite (those live in backend/test/addin): the backend's test server is out of reach
  'addin/test/endToEnd.ts': [
    "import { startTestServer } from '../../backend/src/testing/testServer'; // breaks: sealpost(import-boundaries)",
    "import { openStore } from '../../backend/src/store/db'; // breaks: sealpost(import-boundaries)",
    "import type { Me } from '../../backend/src/contract/me';",
    'export const used = [startTestServer, openStore] as unknown as Me;',
  ],
  'backend/src/commands/reachesHttp.ts': [
    "import express from 'express'; // breaks: sealpost(import-boundaries)",
    "import { limiter } from '../http/rateLimit'; // breaks: sealpost(import-boundaries)",
    "import type { Actor } from '../auth/actor';",
    'export const used = [express, limiter] as unknown as Actor;',
  ],
  'backend/src/contract/probe.ts': [
    "import { z } from 'zod';",
    "import { endpoint } from './endpoint';",
    "import { errors } from '../errors'; // breaks: sealpost(import-boundaries)",
    'export const used = [z, endpoint, errors];',
  ],
  // The ways around a glob: paths that resolve into http/ without starting with ../http, require() and import().
  'backend/src/commands/bypassesHttp.ts': [
    "import { normalizeText } from './../http/text'; // breaks: sealpost(import-boundaries)",
    "import { problem } from '../auth/../http/problem'; // breaks: sealpost(import-boundaries)",
    "import { sendProblem } from '../../src/http/problem'; // breaks: sealpost(import-boundaries)",
    "const text = require('../http/text'); // breaks: sealpost(import-boundaries)",
    "const later = import('../http/route'); // breaks: sealpost(import-boundaries)",
    "export { mountRoutes } from '../http/route'; // breaks: sealpost(import-boundaries)",
    "const router = require('express/lib/router'); // breaks: sealpost(import-boundaries)",
    "import { auditActor } from './../store';",
    'export const used = [normalizeText, problem, sendProblem, text, later, router, auditActor];',
  ],
  'backend/src/contract/bypasses.ts': [
    "import { errors } from './../errors'; // breaks: sealpost(import-boundaries)",
    "import { endpoint } from './nested/../endpoint';",
    "import fs from 'node:fs'; // breaks: sealpost(import-boundaries)",
    "const config = require('../config'); // breaks: sealpost(import-boundaries)",
    'export const used = [errors, endpoint, fs, config];',
  ],
  'addin/src/panel/bypasses.ts': [
    "import { errors } from '@contract/../errors'; // breaks: sealpost(import-boundaries)",
    "import { messages } from '@contract/messages';",
    "import { store } from '../../../backend/src/contract/../store'; // breaks: sealpost(import-boundaries)",
    "const brand = require('../../../backend/src/mail/brand'); // breaks: sealpost(import-boundaries)",
    "const page = import('../../../backend/web/src/shared/../admin/page'); // breaks: sealpost(import-boundaries)",
    'export const used = [errors, messages, store, brand, page];',
  ],
  'backend/src/routes/probe/renamed.router.ts': [
    "import { AppError as Problem } from '../../errors';",
    "import * as failures from '../../errors';",
    "import type { AppError as Typed } from '../../errors';",
    "export const made = new Problem(400, 'bad', 'Bad.'); // breaks: sealpost(app-error-from-factories)",
    "export const viaNamespace = new failures.AppError(400, 'bad', 'Bad.'); // breaks: sealpost(app-error-from-factories)",
    'export class Mine extends Problem {} // breaks: sealpost(app-error-from-factories)',
    'export const typed = (error: Typed) => error instanceof Problem;',
  ],
  'backend/src/http/problem.ts': [
    "import { AppError } from '../errors';",
    "export const fromExpress = () => new AppError(413, 'too_large', 'Too large.');",
  ],
  'backend/src/contract/probe.test.ts': ["import fs from 'node:fs';", "import { endpoint } from './endpoint';", 'export const used = [fs, endpoint];'],
  'backend/src/contract/nested/probe.ts': [
    "import { endpoint } from '../endpoint';",
    "import { errors } from '../../errors'; // breaks: sealpost(import-boundaries)",
    'export const used = [endpoint, errors];',
  ],
  'backend/src/routes/probe/probe.router.ts': [
    "import { AppError } from '../../errors';",
    "export const made = new AppError(400, 'bad', 'Bad.'); // breaks: sealpost(app-error-from-factories)",
    'export const known = (error: unknown) => error instanceof AppError;',
  ],
  'backend/src/errors.ts': [
    'export class AppError extends Error {}',
    'export const errors = { bad: () => new AppError() };',
  ],
  'addin/src/panel/host.ts': [
    'export function start(event: Office.MailboxEvent): void { // breaks: sealpost(office-types-only-in-office)',
    '  void Office.onReady(() => event.completed()); // breaks: eslint(no-restricted-globals)',
    '  void window.OfficeRuntime; // breaks: eslint(no-restricted-globals)',
    '}',
    'export type Item = typeof Office.context.mailbox.item; // breaks: eslint(no-restricted-globals)',
  ],
  'addin/src/office/host.ts': [
    'export function start(event: Office.MailboxEvent): void {',
    '  void Office.onReady(() => event.completed());',
    '}',
  ],
  'addin/src/panel/host.test.ts': ["export const details = {} as Office.EmailAddressDetails;", 'void Office.context;'],
};

let scratch: string;

beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sealpost-lint-'));
  fs.copyFileSync(path.join(root, '.oxlintrc.json'), path.join(scratch, '.oxlintrc.json'));
  fs.cpSync(path.join(root, 'scripts/lint'), path.join(scratch, 'scripts/lint'), { recursive: true });
  for (const [file, lines] of Object.entries(probes)) {
    fs.mkdirSync(path.dirname(path.join(scratch, file)), { recursive: true });
    fs.writeFileSync(path.join(scratch, file), `${lines.join('\n')}\n`);
  }
});

afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

test('when the house rules lint files that break them beside files they allow, then exactly the breaking lines are reported', () => {
  const run = spawnSync(process.execPath, [oxlintBin, '--format', 'json', '.'], { cwd: scratch, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  const report = JSON.parse(run.stdout) as { diagnostics: { code: string; filename: string; labels: { span: { line: number } }[] }[] };
  const reported = report.diagnostics
    .filter((d) => houseRules.has(d.code))
    .map((d) => `${d.filename}:${d.labels[0]!.span.line} ${d.code}`)
    .sort();
  const expected = Object.entries(probes)
    .flatMap(([file, lines]) => lines.map((line, i) => ({ file, line: i + 1, rule: /\/\/ breaks: (\S+)$/.exec(line)?.[1] })))
    .filter((p) => p.rule)
    .map((p) => `${p.file}:${p.line} ${p.rule}`)
    .sort();
  expect(reported).toEqual(expected);
  expect(run.status).not.toBe(0);
});
