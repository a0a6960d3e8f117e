// A minimal editor for the benchmark: spawns the built server (dist/server.js) over stdio and
// speaks LSP through vscode-languageserver-protocol, timing what an editor would wait for.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ms, root } from './lib.mjs';

const require = createRequire(import.meta.url);
const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');

const cacheDirs = [];
process.on('exit', () => { for (const dir of cacheDirs) fs.rmSync(dir, { recursive: true, force: true }); });

/**
 * An empty stand-in for the extension's global storage folder, where the server keeps the code
 * cache of its LSP wiring (server/src/lsp/main.ts); removed when the benchmark exits.
 */
export function freshCacheDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiaodui-bench-cache-'));
  cacheDirs.push(dir);
  return dir;
}

const runCacheDir = freshCacheDir();

export class BenchClient {
  /**
   * `t0` is taken before the process is spawned: cold-start figures count from there.
   * `nodeArgs` go to the server's node (`['--cpu-prof']` to profile it). The server gets the
   * environment the extension gives it (client/src/extension.ts): a code cache folder (by default
   * one shared by this benchmark run) and no NODE_EXTRA_CA_CERTS.
   */
  constructor({ nodeArgs = [], cacheDir = runCacheDir } = {}) {
    this.t0 = ms();
    const env = { ...process.env, NODE_EXTRA_CA_CERTS: undefined, JIAODUI_CACHE_DIR: cacheDir };
    this.process = spawn(process.execPath, [...nodeArgs, path.join(root, 'dist', 'server.js'), '--stdio'], { cwd: root, env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.stderr = '';
    this.process.stderr.on('data', d => { this.stderr += String(d); });
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout), new StreamMessageWriter(this.process.stdin));
    /** uri → callbacks waiting for diagnostics of a version. */
    this.waiting = new Map();
    this.latest = new Map();
    this.connection.onNotification('textDocument/publishDiagnostics', p => {
      const at = ms();
      this.latest.set(p.uri, { version: p.version, at, count: p.diagnostics.length });
      const list = this.waiting.get(p.uri) ?? [];
      this.waiting.set(p.uri, list.filter(w => (w.version === undefined || w.version === p.version ? (w.resolve({ at, version: p.version, count: p.diagnostics.length }), false) : true)));
    });
    /** Status notifications (the server sends one per analysed version, after its diagnostics). */
    this.statusWaiters = [];
    this.connection.onNotification('jiaodui/status', p => {
      this.statusWaiters = this.statusWaiters.filter(w => (p.uri === w.uri && p.version === w.version ? (w.resolve(), false) : true));
    });
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.onNotification('$/progress', () => undefined);
    this.connection.onRequest('workspace/configuration', p => p.items.map(() => ({})));
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.listen();
    this.docs = new Map();
  }

  /** Initializes with the debounce switched off, so latencies are the server's own work. */
  async initialize() {
    const rootUri = pathToFileURL(root).href;
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'bench' }],
      capabilities: {
        workspace: { configuration: true },
        textDocument: { publishDiagnostics: { versionSupport: true }, documentSymbol: { hierarchicalDocumentSymbolSupport: true } },
      },
      initializationOptions: { debounceMs: 0 },
    });
    const answered = ms();
    await this.connection.sendNotification('initialized', {});
    return answered - this.t0;
  }

  /** Resolves at the first publishDiagnostics for `uri` (at `version`, if given). */
  diagnostics(uri, version, timeoutMs = 600_000) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version} within ${timeoutMs} ms\n${this.stderr.slice(-2000)}`)), timeoutMs);
      const list = this.waiting.get(uri) ?? [];
      list.push({ version, resolve: r => { clearTimeout(timer); resolve(r); } });
      this.waiting.set(uri, list);
    });
  }

  /** Resolves when the server reports it is done with `version` (status sent), or after `timeoutMs`. */
  settled(uri, version, timeoutMs = 120_000) {
    return new Promise(resolve => {
      const timer = setTimeout(resolve, timeoutMs);
      this.statusWaiters.push({ uri, version, resolve: () => { clearTimeout(timer); resolve(); } });
    });
  }

  /** CPU time (ms) the server's main thread has used so far (Linux schedstat), or NaN. */
  cpuMs() {
    try {
      return Number(fs.readFileSync(`/proc/${this.process.pid}/task/${this.process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
    } catch {
      return NaN;
    }
  }

  open(uri, text) {
    this.docs.set(uri, { text, version: 1 });
    const published = this.diagnostics(uri, 1);
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'newspaper', version: 1, text } });
    return published;
  }

  /**
   * Applies one incremental change at UTF-16 `offset` (insert `text`, or delete `deleteCount`
   * characters) and resolves with the milliseconds until that version's diagnostics arrive and
   * the server main thread's CPU time in between. Waits for the server to finish with the version
   * (status, entity counts) before resolving, so keystrokes do not queue behind each other.
   */
  async type(uri, offset, text, deleteCount = 0) {
    const doc = this.docs.get(uri);
    const start = positionAt(doc.text, offset), end = positionAt(doc.text, offset + deleteCount);
    doc.text = doc.text.slice(0, offset) + text + doc.text.slice(offset + deleteCount);
    doc.version++;
    const published = this.diagnostics(uri, doc.version);
    const settled = this.settled(uri, doc.version);
    const cpu0 = this.cpuMs();
    const t0 = ms();
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: doc.version }, contentChanges: [{ range: { start, end }, text }],
    });
    const { at } = await published;
    const cpu = this.cpuMs() - cpu0;
    await settled;
    return { ms: at - t0, cpu };
  }

  async request(method, params) {
    const t0 = ms();
    const result = await this.connection.sendRequest(method, params);
    return { ms: ms() - t0, result };
  }

  async close() {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise(r => setTimeout(r, 2000))]);
      void this.connection.sendNotification('exit');
    } catch { /* the process may already be gone */ }
    await new Promise(resolve => {
      if (this.process.exitCode !== null) return resolve();
      const kill = setTimeout(() => this.process.kill('SIGKILL'), 3000);
      this.process.once('exit', () => { clearTimeout(kill); resolve(); });
    });
    this.connection.dispose();
  }
}

export function positionAt(text, offset) {
  let line = 0, lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) { line++; lineStart = i + 1; }
  return { line, character: offset - lineStart };
}
