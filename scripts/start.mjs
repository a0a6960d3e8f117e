// `npm start`: see Jiaodui in a real VS Code in the browser with one command. Installs code-server
// into .code-server/ on first use (test/vscode/setup.sh, ~2–3 min, npm registry only; the system
// packages it needs come from scripts/system-packages.sh), builds the extension, copies the sample
// pages to a scratch folder (.code-server/demo/: the workbench saves what you edit, and seeds/
// must stay as they are), starts code-server on 127.0.0.1 with the extension installed, that
// folder open and one page in the editor, and prints the URL. Ctrl+C stops it.
//
//   npm start                 # a free port, or JIAODUI_PORT=8080 npm start
//   npm start -- --fresh      # the scratch copy made anew from seeds/ (else edits survive restarts)
//   npm start -- some/folder  # open another folder of pages (your own: edits are saved there)
//   npm start -- --check      # start, load the printed URL once, stop (CI smoke test)
//
// The profile (settings, open editors) lives in .code-server/profile and survives restarts.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { copySamplePages, firstPage, freePort, repoRoot, startCodeServer, workbenchUrl } from '../test/vscode/codeServer.mjs';

const STEPS = 4;
let stepNo = 0;
function say(/** @type {string} */ what) {
  console.log(`\nnpm start [${++stepNo}/${STEPS}] ${what}`);
}

function step(/** @type {string} */ what, /** @type {string} */ command, /** @type {string[]} */ args) {
  say(what);
  const r = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`npm start: ${what} failed (${command} ${args.join(' ')})`);
    process.exit(1);
  }
}

step('installing code-server into .code-server/ (once; ~2 min the first time)', 'bash', [path.join(repoRoot, 'test/vscode/setup.sh')]);
step('building the extension', process.execPath, [path.join(repoRoot, 'esbuild.mjs')]);

const args = process.argv.slice(2);
const check = args.includes('--check');
const given = args.find(a => !a.startsWith('--'));
say(given ? `opening ${given}` : 'copying the sample pages to a scratch folder');
const folder = given ? path.resolve(given) : demoFolder(args.includes('--fresh'));
if (!fs.existsSync(folder)) {
  console.error(`npm start: no folder ${folder}`);
  process.exit(2);
}
if (!given) console.log(`    ${path.relative(process.cwd(), folder)} (a copy of seeds/: edit and save freely; npm start -- --fresh makes it anew)`);

/** The demo's scratch copy of seeds/ (codeServer.mjs): made once, so edits survive a restart; anew with `--fresh`. */
function demoFolder(/** @type {boolean} */ fresh) {
  const demo = path.join(repoRoot, '.code-server/demo');
  if (fresh) fs.rmSync(demo, { recursive: true, force: true });
  if (!fs.existsSync(demo)) copySamplePages(demo);
  return demo;
}

say('starting code-server');
const port = Number(process.env.JIAODUI_PORT) || (await freePort());
const server = await startCodeServer({
  port,
  stateDir: path.join(repoRoot, '.code-server/profile'),
  keepState: true,
  installExtension: true,
});
const page = firstPage(folder);
const url = workbenchUrl(server.url, { folder, openFile: page });
console.log(`\nJiaodui in VS Code (code-server), pages from ${path.relative(process.cwd(), folder) || '.'}${page ? `, ${path.basename(page)} open` : ''}:\n\n    ${url}\n\nOpen it in a browser; Ctrl+C stops the server.`);

if (check) {
  const response = await fetch(url);
  const html = await response.text();
  await server.stop();
  const ok = response.ok && /workbench/i.test(html);
  console.log(ok ? `npm start --check: ${url} answered ${response.status} with the workbench` : `npm start --check: ${url} answered ${response.status}`);
  process.exit(ok ? 0 : 1);
}

const stop = async () => {
  await server.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
