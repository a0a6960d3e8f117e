// `npm start`: see Jiaodui in a real VS Code in the browser with one command. Installs code-server
// into .code-server/ on first use (test/vscode/setup.sh, ~2–3 min, npm registry only), builds the
// extension, starts code-server on 127.0.0.1 with the extension installed and the sample pages
// (seeds/) open, and prints the URL. Ctrl+C stops it.
//
//   npm start                 # a free port, or JIAODUI_PORT=8080 npm start
//   npm start -- some/folder  # open another folder of pages
//   npm start -- --check      # start, load the printed URL once, stop (CI smoke test)
//
// The profile (settings, open editors) lives in .code-server/profile and survives restarts.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort, repoRoot, startCodeServer } from '../test/vscode/codeServer.mjs';

function step(/** @type {string} */ what, /** @type {string} */ command, /** @type {string[]} */ args) {
  const r = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`npm start: ${what} failed (${command} ${args.join(' ')})`);
    process.exit(1);
  }
}

step('installing code-server', 'bash', [path.join(repoRoot, 'test/vscode/setup.sh')]);
step('building the extension', process.execPath, [path.join(repoRoot, 'esbuild.mjs')]);

const args = process.argv.slice(2);
const check = args.includes('--check');
const folder = path.resolve(args.find(a => !a.startsWith('--')) ?? path.join(repoRoot, 'seeds'));
if (!fs.existsSync(folder)) {
  console.error(`npm start: no folder ${folder}`);
  process.exit(2);
}
const port = Number(process.env.JIAODUI_PORT) || (await freePort());
const server = await startCodeServer({
  port,
  stateDir: path.join(repoRoot, '.code-server/profile'),
  keepState: true,
  installExtension: true,
});
const url = `${server.url}?folder=${encodeURIComponent(folder)}`;
console.log(`\nJiaodui in VS Code (code-server), pages from ${path.relative(process.cwd(), folder) || '.'}:\n\n    ${url}\n\nOpen it in a browser; Ctrl+C stops the server.`);

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
