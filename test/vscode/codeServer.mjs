// Starts code-server (installed by test/vscode/setup.sh into .code-server/) and Debian's
// Chromium, both isolated from the machine and from the network. Shared by the extension-suite
// launcher (launch.mjs), the end-to-end check (test/e2e/e2e.mjs) and `npm start`.
//
// Every flag here fixes a problem measured once (../shared/notes/real-vscode.md): the config file
// and data dirs keep code-server out of ~/.config and ~/.local; the reconnection grace keeps
// extension hosts from outliving the browser for 3 h; the smoke-test driver makes the workbench
// honour the extension-test payload; Chromium's host-resolver rule makes any look-up outside
// 127.0.0.1 fail at once instead of waiting on a network this machine does not have.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const installRoot = path.join(repoRoot, '.code-server');
const node24 = path.join(installRoot, 'node/bin/node');
const entry = path.join(installRoot, 'app/node_modules/code-server/out/node/entry.js');
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** User settings that keep the workbench quiet and offline (no telemetry, updates, experiments, AI). */
const quietSettings = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'security.workspace.trust.enabled': false,
  'window.restoreWindows': 'none',
  'files.hotExit': 'off',
};

/** Why code-server cannot run here, or undefined when it can. */
export function missingPrerequisite() {
  if (!fs.existsSync(node24) || !fs.existsSync(entry)) return 'code-server is not installed: run test/vscode/setup.sh';
  if (!fs.existsSync(chromiumPath)) return `no Chromium at ${chromiumPath}: apt-get install -y chromium (or set CHROMIUM_PATH)`;
  if (!fs.existsSync(path.join(repoRoot, 'dist/client.js'))) return 'dist/client.js is missing: run npm run build';
  return undefined;
}

/** A free TCP port on 127.0.0.1 (the OS picks it; a race with another process is unlikely enough). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts code-server on 127.0.0.1 with a private profile.
 * @param {{ port?: number, settings?: Record<string, unknown>, log?: (line: string) => void,
 *           stateDir?: string, keepState?: boolean, env?: Record<string, string>,
 *           installExtension?: boolean }} [options]
 * `installExtension` links this repository into the extensions folder, so the extension runs as an
 * installed one (what a user has), without the development payload.
 * `env` reaches the extension host too (it inherits the server's environment).
 * @returns {Promise<{ url: string, port: number, stateDir: string, stop: () => Promise<void>, output: () => string }>}
 */
export async function startCodeServer(options = {}) {
  const port = options.port ?? (await freePort());
  const stateDir = options.stateDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'jiaodui-code-server-'));
  const userDataDir = path.join(stateDir, 'user-data');
  const extensionsDir = path.join(stateDir, 'extensions');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  if (options.installExtension) linkExtension(extensionsDir);
  const configFile = path.join(stateDir, 'config.yaml');
  fs.writeFileSync(configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  // A kept profile (npm start) keeps the settings its user changed.
  const settingsFile = path.join(userDataDir, 'User/settings.json');
  if (!(options.keepState && fs.existsSync(settingsFile))) {
    fs.writeFileSync(settingsFile, JSON.stringify({ ...quietSettings, ...options.settings }, null, 2));
  }

  const args = [
    entry,
    '--config', configFile,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--disable-workspace-trust',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--reconnection-grace-time', '10',
    '--vscode-option', 'enable-smoke-test-driver',
  ];
  // An exported PORT overrides --bind-addr; XDG dirs keep code-server's own files in stateDir.
  const env = { ...process.env, ...options.env, XDG_DATA_HOME: path.join(stateDir, 'xdg-data'), XDG_CONFIG_HOME: path.join(stateDir, 'xdg-config') };
  delete env.PORT;
  delete env.VSCODE_IPC_HOOK_CLI;
  const child = spawn(node24, args, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const onData = (/** @type {Buffer} */ chunk) => {
    const text = chunk.toString();
    output += text;
    if (options.log) for (const line of text.split('\n')) if (line.trim()) options.log(line);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise(resolve => child.on('exit', code => resolve(code)));

  const url = `http://127.0.0.1:${port}/`;
  await Promise.race([
    waitForHttp(`${url}healthz`, 30_000),
    exited.then(code => { throw new Error(`code-server exited with ${code} before listening:\n${output}`); }),
  ]);

  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    if (!options.keepState) fs.rmSync(stateDir, { recursive: true, force: true });
  };
  return { url, port, stateDir, stop, output: () => output };
}

/**
 * An unpacked extension folder named `publisher.name-version` in the extensions folder is picked up
 * at start with no install step; a symlink keeps it the live build (dist/) with its node_modules.
 */
function linkExtension(/** @type {string} */ extensionsDir) {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const link = path.join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
  for (const entry of fs.readdirSync(extensionsDir)) {
    if (entry.startsWith(`${manifest.publisher}.${manifest.name}-`)) fs.rmSync(path.join(extensionsDir, entry), { recursive: true, force: true });
  }
  fs.symlinkSync(repoRoot, link, 'dir');
}

/** Polls an HTTP URL until it answers (any status) or the time is up. */
async function waitForHttp(/** @type {string} */ url, /** @type {number} */ timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await fetch(url);
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`no answer from ${url} in ${timeoutMs} ms: ${error}`);
      await new Promise(resolve => setTimeout(resolve, 200));
    }
  }
}

/** Chromium flags for a headless, offline run as root. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

/**
 * Launches Debian's Chromium through playwright-core with a fresh profile.
 * @param {{ width?: number, height?: number }} [viewport]
 */
export async function launchChromium(viewport = { width: 1600, height: 1000 }) {
  const { chromium } = await import('playwright-core');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'jiaodui-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
    viewport: { width: viewport.width ?? 1600, height: viewport.height ?? 1000 },
    locale: 'zh-CN',
  });
  const close = async () => {
    await context.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return { context, close };
}

/**
 * The workbench URL for a folder, optionally with a file open in the editor and the
 * extension-development/test payload (the web workbench reads `payload` as a JSON list of
 * [key, value] pairs; `openFile` names a file by its URI on the server).
 * @param {string} baseUrl
 * @param {{ folder?: string, openFile?: string, payload?: [string, string][] }} target
 */
export function workbenchUrl(baseUrl, target) {
  const query = new URLSearchParams();
  if (target.folder) query.set('folder', target.folder);
  const payload = [...(target.payload ?? [])];
  if (target.openFile) payload.push(['openFile', `vscode-remote://${new URL(baseUrl).host}${target.openFile}`]);
  if (payload.length) query.set('payload', JSON.stringify(payload));
  return `${baseUrl}?${query}`;
}

/**
 * A scratch copy of the sample pages (seeds/) in `dir`, for `npm start` and the end-to-end check:
 * the workbench saves what is edited there, never in seeds/. Its workspace settings open the
 * pages in the `newspaper` language (word wrap, the clean-up in the title bar and context menu).
 * Returns the folder's first page, the one shown at start.
 * @param {string} dir
 */
export function copySamplePages(dir) {
  fs.cpSync(path.join(repoRoot, 'seeds'), dir, { recursive: true });
  fs.mkdirSync(path.join(dir, '.vscode'), { recursive: true });
  fs.writeFileSync(path.join(dir, '.vscode/settings.json'), `${JSON.stringify({ 'files.associations': { '*.txt': 'newspaper' } }, null, 2)}\n`);
  return firstPage(dir);
}

/** A folder's first `.txt` page, by name. */
export function firstPage(/** @type {string} */ dir) {
  const page = fs.readdirSync(dir).filter(f => f.endsWith('.txt')).sort()[0];
  return page && path.join(dir, page);
}
