// The server's V8 code cache (server/src/lsp/main.ts): written to the folder the client names in
// JIAODUI_CACHE_DIR, used by later starts, and never trusted when it does not match: a damaged
// cache, or one made from another build of the wiring, is replaced, and the server proofreads as
// without one. Each test runs a private copy of the built server, so a rebuild elsewhere cannot
// change the wiring under it.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { root, seedsDir, seedUri, TestClient } from './harness';

const SEED = '003_7fc49da2a4fe33c9.txt';

describe('the server code cache', function () {
  this.timeout(120_000);
  let dir: string;
  let build: string;
  let cacheDir: string;
  let cacheFile: string;

  before(() => {
    execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root });
  });

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiaodui-codecache-'));
    build = path.join(dir, 'dist');
    fs.mkdirSync(build);
    for (const f of ['server.js', 'lsp.js', 'engine.js']) fs.copyFileSync(path.join(root, 'dist', f), path.join(build, f));
    // The data packages the engine requires on first use (esbuild.mjs, VENDOR).
    fs.cpSync(path.join(root, 'dist', 'vendor'), path.join(build, 'vendor'), { recursive: true });
    cacheDir = path.join(dir, 'storage');
    cacheFile = path.join(cacheDir, 'lsp.codecache');
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Starts the copied server with `cacheDir` as its cache folder (nodejs-jieba from the repository). */
  function start(folder = cacheDir): TestClient {
    return new TestClient(path.join(build, 'server.js'), { ...process.env, JIAODUI_CACHE_DIR: folder, NODE_PATH: path.join(root, 'node_modules') });
  }

  /**
   * A short session: initialize, proofread a seed page, then stay up long enough for the server to
   * write its cache if it means to (main.ts, SAVE_AFTER_MS), and shut down. Returns the
   * initialize result.
   */
  async function session(client = start()): Promise<{ serverInfo?: { name: string } }> {
    // A server that dies (V8 aborts on bad cache data) fails the test at once, not at its timeout.
    const died = new Promise<never>((_, reject) => client.process.once('exit', (code, signal) => reject(new Error(`server exited (${code ?? signal}): ${client.stderr.slice(-1000)}`))));
    died.catch(() => undefined);
    try {
      const { result } = await Promise.race([client.initialize(), died]);
      await client.open(seedUri(SEED), fs.readFileSync(path.join(seedsDir, SEED), 'utf8'));
      const diagnostics = await client.diagnostics(seedUri(SEED), 1, 30_000);
      assert.ok(diagnostics.length > 0, `no diagnostics; server stderr: ${client.stderr}`);
      await new Promise(resolve => setTimeout(resolve, 1500));
      assert.equal(client.process.exitCode, null, `the server exited; stderr: ${client.stderr}`);
      return result as { serverInfo?: { name: string } };
    } finally {
      await client.shutdown();
    }
  }

  it('is written to the folder the client names, creating it, and kept by the next start', async () => {
    assert.ok(!fs.existsSync(cacheDir));
    await session();
    const written = fs.statSync(cacheFile);
    assert.ok(written.size > 100_000, `cache of ${written.size} bytes`);
    // A start that took the cache has no reason to write it again: same file, same bytes.
    await session();
    const after = fs.statSync(cacheFile);
    assert.equal(after.ino, written.ino, 'the cache was replaced although it was valid');
    assert.deepEqual(fs.readdirSync(cacheDir), ['lsp.codecache'], 'temporary files left behind');
  });

  it('is written by a server closed at once, before its timer would have', async () => {
    // Clients that start a server only to ask one thing (the benchmark's cold starts) close it
    // within a few hundred milliseconds; it still leaves a cache for the next start.
    const client = start();
    await client.initialize();
    const exited = new Promise(resolve => client.process.once('exit', resolve));
    await client.connection.sendRequest('shutdown');
    await client.connection.sendNotification('exit');
    await exited;
    client.connection.dispose();
    assert.ok(fs.statSync(cacheFile).size > 50_000);
  });

  it('a damaged cache is not run: the server proofreads and writes a good one', async () => {
    await session();
    // Bytes changed inside V8's data, header intact: V8 alone would deserialise this and abort.
    const bytes = fs.readFileSync(cacheFile);
    for (let i = bytes.length >> 1; i < (bytes.length >> 1) + 4000; i += 7) bytes[i] ^= 0x5a;
    fs.writeFileSync(cacheFile, bytes);
    const damaged = fs.statSync(cacheFile).ino;
    await session();
    const replaced = fs.statSync(cacheFile).ino;
    assert.notEqual(replaced, damaged, 'the damaged cache was not replaced');
    await session();
    assert.equal(fs.statSync(cacheFile).ino, replaced, 'the replacement cache was not taken');
  });

  it('a cache of another build of the wiring is not run, even at the same length', async () => {
    await session();
    // V8 checks only the source's length: the same bundle with one letter changed would run the
    // cached (old) code. Here the change is visible in the initialize answer.
    const wiring = path.join(build, 'lsp.js');
    const source = fs.readFileSync(wiring, 'utf8');
    assert.ok(source.includes('name: "jiaodui" }'));
    fs.writeFileSync(wiring, source.replace('name: "jiaodui" }', 'name: "jiaoduj" }'));
    const result = await session();
    assert.equal(result.serverInfo?.name, 'jiaoduj');
  });

  it('a folder that cannot be written costs only the cache', async () => {
    const file = path.join(dir, 'not-a-folder');
    fs.writeFileSync(file, '');
    const client = start(path.join(file, 'storage'));
    try {
      await client.initialize();
      await client.open(seedUri(SEED), fs.readFileSync(path.join(seedsDir, SEED), 'utf8'));
      assert.ok((await client.diagnostics(seedUri(SEED), 1, 30_000)).length > 0);
      await new Promise(resolve => setTimeout(resolve, 1500));
      // Still answering after the attempt to write the cache.
      assert.equal(((await client.connection.sendRequest('jiaodui/serverInfo')) as { pid: number }).pid, client.process.pid);
      assert.equal(client.stderr, '');
    } finally {
      await client.shutdown();
    }
  });

  it('without a folder the server runs without a cache', async () => {
    const client = new TestClient(path.join(build, 'server.js'), { ...process.env, JIAODUI_CACHE_DIR: undefined, NODE_PATH: path.join(root, 'node_modules') });
    await session(client);
    assert.deepEqual(fs.readdirSync(dir).sort(), ['dist']);
    assert.deepEqual(fs.readdirSync(build).sort(), ['engine.js', 'lsp.js', 'server.js', 'vendor']);
  });
});
