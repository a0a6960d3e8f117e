// Runs the extension's test suite (test/suite, the @vscode/test-electron layout) inside a real
// VS Code: code-server's workbench in Debian's Chromium, driven by playwright-core. The workbench
// is opened with the extension-test payload (extensionDevelopmentPath + extensionTestsPath), the
// same contract test-electron uses on the desktop: the extension host loads the extension from
// this folder, awaits the suite's `run()` and reports its exit code to the page through
// `window.codeAutomationExit(code)` — exposed here by playwright. Exit code 0 = all tests passed.
//
//   node test/vscode/launch.mjs [--suite DIR] [--keep]
//
// The suite runs against a temporary copy of seeds/ opened as the workspace folder, so tests
// that edit and save pages never touch the repository.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchChromium, missingPrerequisite, repoRoot, startCodeServer, workbenchUrl } from './codeServer.mjs';

const args = process.argv.slice(2);
const suite = valueOf('--suite') ?? 'test/suite';
const keep = args.includes('--keep');
/** The suite's own timeouts are per test; this bounds a hung workbench or extension host. */
const overallTimeoutMs = Number(process.env.JIAODUI_VSCODE_TIMEOUT_MS ?? 300_000);

function valueOf(/** @type {string} */ flag) {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}

function log(/** @type {string} */ message) {
  console.log(`[test:vscode ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);
}

const started = Date.now();
const missing = missingPrerequisite();
if (missing) {
  console.error(`test:vscode cannot run: ${missing}`);
  process.exit(1);
}
if (!fs.existsSync(path.resolve(repoRoot, suite, 'index.ts'))) {
  console.error(`test:vscode: no suite at ${suite}/index.ts`);
  process.exit(1);
}

const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'jiaodui-workspace-'));
fs.cpSync(path.join(repoRoot, 'seeds'), workspace, { recursive: true });

// mocha's report, written by the extension host (see suiteEntry.js), is printed as it grows.
const testLog = path.join(workspace, '..', `${path.basename(workspace)}.log`);
fs.writeFileSync(testLog, '');
let printed = 0;
function printTestLog() {
  const text = fs.readFileSync(testLog, 'utf8');
  if (printed === 0 && text.length > 0) log('the extension host started the suite');
  if (text.length > printed) process.stdout.write(text.slice(printed));
  printed = text.length;
}
const tail = setInterval(printTestLog, 250);

const server = await startCodeServer({
  keepState: keep,
  // The extension host inherits the server's environment: that is how suiteEntry.js learns
  // which suite to run and where to write its report.
  env: { JIAODUI_SUITE: suite, JIAODUI_TEST_LOG: testLog, JIAODUI_WORKSPACE: workspace },
  log: line => { if (process.env.JIAODUI_VERBOSE) console.log(`[code-server] ${line}`); },
});
log(`code-server listening at ${server.url}`);
const browser = await launchChromium();
let exitCode = 1;
try {
  const page = await browser.context.newPage();
  const exited = new Promise(resolve => {
    page.exposeFunction('codeAutomationExit', (/** @type {number} */ code) => resolve(code));
  });
  if (process.env.JIAODUI_VERBOSE) page.on('console', message => console.log(`[page ${message.type()}] ${message.text()}`));
  page.on('pageerror', error => console.error(`[page error] ${error.message}`));

  const authority = new URL(server.url).host;
  const remote = (/** @type {string} */ p) => `vscode-remote://${authority}${p}`;
  const url = workbenchUrl(server.url, {
    folder: workspace,
    payload: [
      ['extensionDevelopmentPath', remote(repoRoot)],
      ['extensionTestsPath', remote(path.join(repoRoot, 'test/vscode/suiteEntry.js'))],
    ],
  });
  log(`opening the workbench with ${suite}`);
  await page.goto(url);
  const timeout = new Promise(resolve => setTimeout(() => resolve('timeout'), overallTimeoutMs));
  const result = await Promise.race([exited, timeout]);
  if (result === 'timeout') {
    console.error(`test:vscode: no result from the extension host in ${overallTimeoutMs / 1000} s`);
    await page.screenshot({ path: path.join(os.tmpdir(), 'jiaodui-test-vscode-timeout.png') }).catch(() => {});
  } else {
    exitCode = Number(result);
    log(`the extension host exited with ${exitCode}`);
  }
} finally {
  clearInterval(tail);
  printTestLog();
  await browser.close();
  await server.stop();
  if (!keep) for (const p of [workspace, testLog]) fs.rmSync(p, { recursive: true, force: true });
}
log(exitCode === 0 ? 'suite passed' : `suite failed (exit code ${exitCode})`);
process.exit(exitCode);
