// The language server process's entry point, built as dist/server.js: it runs the LSP wiring
// (server.ts, bundled as dist/lsp.js) compiled with a V8 code cache when the client names a
// directory for one in JIAODUI_CACHE_DIR (the extension passes its global storage folder: the
// extension's own folder may be read-only). Compiling the wiring and the vscode-languageserver
// library it bundles, ~450 kB, and the functions startup runs in them, is 10–15 ms of every cold
// start (bench item 4); from the cache it is a read. Without a directory, or when the cache does
// not fit, the wiring compiles as usual.
//
// Not `module.enableCompileCache`: it needs Node 22, and VS Code 1.91, the oldest the extension
// supports, runs the server on Electron's Node 20.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';

/** Environment variable naming the directory the code cache lives in (the client sets it). */
const CACHE_DIR_ENV = 'JIAODUI_CACHE_DIR';
/**
 * When the cache is written: after `initialize` has been answered and the first requests handled,
 * so it holds every function startup ran. A cache made right after compiling holds the top level
 * only (50 of 400 kB) and saved nothing measurable: the time is in the functions startup runs.
 */
const SAVE_AFTER_MS = 1000;

const wiring = path.join(__dirname, 'lsp.js');
const source = fs.readFileSync(wiring);
const dir = process.env[CACHE_DIR_ENV];
const cacheFile = dir ? path.join(dir, 'lsp.codecache') : undefined;
const cachedData = cacheFile ? readCache(cacheFile) : undefined;

// The same wrapper Node puts around a CommonJS module, so the bundle runs as if required.
const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source.toString('utf8')}\n})`, {
  filename: wiring,
  cachedData,
});
const mod = { exports: {}, filename: wiring, id: wiring, paths: module.paths };
(script.runInThisContext() as (...args: unknown[]) => void).call(mod.exports, mod.exports, createRequire(wiring), mod, wiring, __dirname);

// V8 rejects a cache made by another V8 version or with other flags (`--inspect`): it is replaced.
if (cacheFile && (!cachedData || script.cachedDataRejected)) {
  let saved = false;
  const save = () => { if (!saved) { saved = true; writeCache(cacheFile); } };
  setTimeout(save, SAVE_AFTER_MS).unref();
  // A server that exits sooner (its client closed it at once) writes it on the way out: with the
  // stdio wiring (stdio.ts) a server ends as soon as it is told to, and a cache that only a
  // server living a second could write was never written by short-lived ones.
  process.once('exit', save);
}

/**
 * A cache file is the digest of (runtime, wiring source, V8 data) followed by the V8 data. V8 itself
 * checks only its version, flags and the source's length, and does not checksum the data in
 * release builds: a cache of an edited bundle of the same length, or a damaged one, would run
 * wrong code or crash the process. The digest turns both into a cache miss.
 */
function digest(data: Uint8Array): Buffer {
  return createHash('sha256').update(`${process.version} ${process.versions.v8} ${process.arch}\0`).update(source).update(data).digest();
}

function readCache(file: string): Buffer | undefined {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return undefined; // none yet
  }
  const data = bytes.subarray(32);
  return data.length > 0 && digest(data).equals(bytes.subarray(0, 32)) ? data : undefined;
}

function writeCache(file: string): void {
  // Written aside and renamed: another window's server may be reading the cache right now.
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    const data = script.createCachedData();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(temporary, Buffer.concat([digest(data), data]));
    fs.renameSync(temporary, file);
  } catch {
    // A read-only or full disk costs the next start the cache, nothing else.
    try { fs.rmSync(temporary, { force: true }); } catch { /* nothing to clean */ }
  }
}
