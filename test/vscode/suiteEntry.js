// The module the extension host loads as `extensionTestsPath` (the @vscode/test-electron
// contract: it exports `run()` returning a promise). The suite itself is TypeScript; tsx's
// CommonJS hook compiles it (and anything it imports) on load, so the same sources run here, in
// test-electron and in type checking, with no separate build of the tests.
//
// Environment (set by the code-server launcher; the extension host inherits the server's):
//   JIAODUI_SUITE     suite folder relative to the repository (default test/suite)
//   JIAODUI_TEST_LOG  file that receives the extension host's console output, so the launcher
//                     can print mocha's report as it is written (in code-server that output
//                     otherwise only reaches the browser console, as format strings)
require('tsx/cjs');
// Stack traces of failing tests point into the TypeScript sources, not tsx's output.
process.setSourceMapsEnabled(true);
const fs = require('node:fs');
const path = require('node:path');
const util = require('node:util');

const suite = path.resolve(__dirname, '../..', process.env.JIAODUI_SUITE || 'test/suite', 'index.ts');

if (process.env.JIAODUI_TEST_LOG) {
  const fd = fs.openSync(process.env.JIAODUI_TEST_LOG, 'a');
  const append = text => { try { fs.writeSync(fd, text); } catch { /* the launcher is gone */ } };
  const tee = original => (...args) => { append(util.format(...args) + '\n'); return original(...args); };
  // mocha's reporters print through Base.consoleLog (console.log captured when mocha loads);
  // the extension host's own console cannot be reassigned, so the reporter is where to listen.
  const Base = require('mocha/lib/reporters/base');
  Base.consoleLog = tee(Base.consoleLog);
  const { stdout } = process;
  const write = stdout.write.bind(stdout);
  stdout.write = (chunk, ...rest) => { append(String(chunk)); return write(chunk, ...rest); };
}

exports.run = function run() {
  return require(suite).run();
};
