/**
 * One Sealpost instance in a process of its own, started by tests that run several side by side
 * (testing/instances.ts forks this file). It serves the sources as they are: TypeScript is turned into CommonJS (by swc, as in jest)
 * as each file loads, so no build has to run first. Configuration comes from the environment, as for main.ts; the
 * parent is told the address once the instance listens, can ask for a sweep of abandoned uploads, and stops it with
 * SIGTERM (or kills it).
 */
const fs = require('node:fs');
const swc = require('@swc/core');

// the same transform the tests use (jest.config.js), so the instance runs the code the other suites test
require.extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};

const { loadConfig } = require('../config');
const { start } = require('../main');

start(loadConfig(process.env)).then(
  (running) => {
    process.send({ url: running.url });
    process.on('message', (message) => {
      if (message && message.sweep) {
        running.sweepNow().then(
          (removed) => process.send({ swept: removed }),
          (error) => process.send({ sweepFailed: String(error && error.message) }),
        );
      }
    });
    process.once('SIGTERM', () => running.stop().then(() => process.exit(0), () => process.exit(1)));
  },
  (error) => {
    process.stderr.write(`instance failed to start: ${error && error.message}\n`);
    process.exit(1);
  },
);
