// Server faults, driven through the built server over stdio (harness.ts): malformed requests get
// an error response and the server lives; code actions name the version they were computed for
// and stale ones are refused; edits arriving while a page is analysed end with diagnostics for the
// latest version only; malformed user words fall back to the default dictionary; a killed server
// is replaced by a new one that serves diagnostics again.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, Diagnostic, DocumentSymbol, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { root, seedsDir, TestClient } from './harness';

const seedText = (name: string) => fs.readFileSync(path.join(seedsDir, name), 'utf8');
const S000 = '000_386ae1f4641b9e07.txt', S001 = '001_95b150d32cc6734e.txt', S002 = '002_0f6dadfbd653f096.txt';
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
const codes = (ds: Diagnostic[]) => ds.map(d => `${String(d.code)}@${d.range.start.line}:${d.range.start.character}`).sort();

describe('language server robustness', function () {
  this.timeout(120_000);
  let client: TestClient;

  before(async function () {
    execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'ignore' });
    client = new TestClient();
    await client.initialize();
    await client.until(() => client.statuses.some(s => s.state === 'ready' && s.uri === undefined), 30_000, 'dictionary ready');
  });

  after(async () => {
    await client?.shutdown();
  });

  const alive = async () => {
    const uri = 'file:///tmp/jiaodui-robust/alive.txt';
    if (!client.docs.has(uri)) { await client.open(uri, seedText(S002)); await client.diagnostics(uri, 1); }
    const symbols = await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }) as DocumentSymbol[];
    assert.ok(symbols.length > 0, 'server stopped answering');
    assert.equal(client.process.exitCode, null, 'server exited');
  };

  it('answers malformed requests with an error response and keeps serving', async () => {
    const uri = 'file:///tmp/jiaodui-robust/malformed.txt';
    await client.open(uri, seedText(S001));
    await client.diagnostics(uri, 1);
    const bad: [string, unknown][] = [
      ['textDocument/hover', {}],
      ['textDocument/hover', { textDocument: { uri: 42 }, position: null }],
      ['textDocument/codeAction', { textDocument: {} }],
      ['textDocument/documentSymbol', null],
      ['textDocument/foldingRange', { textDocument: { uri: ['x'] } }],
      ['workspace/executeCommand', { command: 'jiaodui.server.cleanPage', arguments: [{ uri, version: '1' }] }],
      ['workspace/executeCommand', { command: 'jiaodui.server.cleanPage' }],
      ['workspace/executeCommand', { command: 'rm -rf /' }],
      ['jiaodui/doesNotExist', { anything: true }],
    ];
    for (const [method, params] of bad) {
      await assert.rejects(client.connection.sendRequest(method, params), (e: { code?: number }) => typeof e.code === 'number' && e.code < 0,
        `${method} ${JSON.stringify(params)} should get an error response`);
    }
    // A request whose document is open but whose position is nonsense gets an answer, not a crash.
    const far = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1e9, character: -5 } });
    assert.equal(far, null);
    const range = { start: { line: 1e6, character: 1e6 }, end: { line: -1, character: 0 } };
    const actions = await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [] } });
    assert.ok(Array.isArray(actions));
    // Notifications cannot be answered; malformed ones must simply not take the server down.
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: 'file:///never/opened.txt', version: 2 }, contentChanges: [{ text: 'x' }] });
    await client.connection.sendNotification('jiaodui/userWords', { words: 'not a list' });
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { jiaodui: { rules: 'all', locale: 7, ignoreWords: {} } } });
    await alive();
  });

  it('survives a message that is not JSON at all', async () => {
    const garbage = '{"jsonrpc":"2.0","id":999,"method":"textDocument/hover","params":{"textDocument":{"uri":';
    client.process.stdin!.write(`Content-Length: ${Buffer.byteLength(garbage)}\r\n\r\n${garbage}`);
    await sleep(200);
    await alive();
  });

  it('names the version in every code action, so an editor refuses it once the page has moved on', async () => {
    const uri = 'file:///tmp/jiaodui-robust/stale.txt';
    const text = seedText(S000);
    await client.open(uri, text);
    const diagnostics = await client.diagnostics(uri, 1);
    const wrap = diagnostics.find(d => d.code === 'line-wrap');
    assert.ok(wrap, 'no line-wrap finding on seed 000');
    const actions = await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri }, range: wrap.range, context: { diagnostics: [wrap] },
    }) as CodeAction[];
    const all = await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri }, range: wrap.range, context: { diagnostics: [], only: ['source.fixAll.jiaodui'] },
    }) as CodeAction[];
    const edits = [...actions, ...all].flatMap(a => (a.edit?.documentChanges ?? []) as TextDocumentEdit[]);
    assert.ok(edits.length >= 2, 'expected a quick fix and a fix-all');
    for (const e of edits) assert.equal(e.textDocument.version, 1, 'every edit names the version it was computed for');

    // The page moves on (someone typed at the top); the v1 edits are now stale.
    const v2 = await client.change(uri, `补记一行\n${text}`);
    // An editor applies a TextDocumentEdit only to the version it names (LSP `documentChanges`):
    // these name v1, the page is at v2, so none of them can land on text they were not made for.
    for (const e of edits) assert.notEqual(e.textDocument.version, client.docs.get(uri)!.version);
    // The server's own command refuses a stale version before any edit leaves it.
    const sent = client.applied.length;
    assert.deepEqual(await client.connection.sendRequest('workspace/executeCommand', { command: 'jiaodui.server.cleanPage', arguments: [{ uri, version: 1 }] }), { applied: false, reason: 'stale', fixes: 0 });
    assert.equal(client.applied.length, sent, 'a stale clean-up must not send an edit');
    // Asked again, the server computes the actions for v2.
    const fresh = await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri }, range: wrap.range, context: { diagnostics: [], only: ['source.fixAll.jiaodui'] },
    }) as CodeAction[];
    assert.equal(((fresh[0].edit!.documentChanges![0]) as TextDocumentEdit).textDocument.version, v2);
  });

  it('ends a burst of edits, typed while pages are analysed, with diagnostics for the latest version only', async () => {
    const uri = 'file:///tmp/jiaodui-robust/burst.txt';
    // A long page (all seeds, twice) so that analyses are running while edits keep coming.
    let text = [S000, S001, S002].map(seedText).join('\n\n').repeat(2);
    await client.open(uri, text);
    await client.diagnostics(uri, 1);
    const start = client.published.get(uri)!.length;
    let version = 1;
    for (let i = 0; i < 25; i++) {
      const at = (i * 7919) % text.length;
      text = text.slice(0, at) + (i % 3 ? '，' : '\n') + text.slice(at);
      version = await client.change(uri, text);
      await sleep([0, 5, 40, 160, 220][i % 5]); // some edits inside, some just past the debounce
    }
    const last = await client.diagnostics(uri, version, 30_000);
    await sleep(400);
    const after = client.published.get(uri)!.slice(start);
    const versions = after.map(p => p.version!);
    assert.equal(versions.at(-1), version, `last publish is for v${versions.at(-1)}, not the latest v${version}`);
    for (let i = 1; i < versions.length; i++) assert.ok(versions[i] > versions[i - 1], `published out of order: ${versions.join(',')}`);
    // The diagnostics describe the final text: the same as a fresh server's on the same text.
    const check = 'file:///tmp/jiaodui-robust/burst-check.txt';
    await client.open(check, text);
    assert.deepEqual(codes(last), codes(await client.diagnostics(check, 1)));
  });

  it('falls back to the default dictionary when the user words it is sent are malformed', async () => {
    const uri = 'file:///tmp/jiaodui-robust/words.txt';
    await client.open(uri, seedText(S001));
    const expected = codes(await client.diagnostics(uri, 1));
    for (const words of [null, 'abc', 42, { 0: '词' }, [null, 7, {}, ['x']], ['', '   ', '\u0000']]) {
      await client.connection.sendNotification('jiaodui/userWords', { words });
    }
    await client.connection.sendNotification('jiaodui/userWords', null);
    const v = await client.change(uri, seedText(S001) + '\n');
    assert.deepEqual(codes(await client.diagnostics(uri, v)), expected, 'malformed user words changed the findings');
    await alive();
  });

  it('starts cleanly with malformed initialization options (user words, settings)', async () => {
    const other = new TestClient();
    try {
      const init = await other.connection.sendRequest('initialize', {
        processId: process.pid, rootUri: null, capabilities: {},
        initializationOptions: { userWords: 'corrupt', settings: { rules: [1, 2], files: 'x', ignoreWords: [null, 5] } },
      });
      assert.ok((init as { capabilities?: unknown }).capabilities);
      await other.connection.sendNotification('initialized', {});
      const uri = 'file:///tmp/jiaodui-robust/init.txt';
      await other.open(uri, seedText(S000));
      const ds = await other.diagnostics(uri, 1, 30_000);
      assert.ok(ds.some(d => d.code === 'line-wrap'), 'default rules not in force');
    } finally {
      await other.shutdown();
    }
  });

  it('can be killed and a new server serves the same diagnostics', async () => {
    const first = new TestClient();
    await first.initialize();
    const uri = 'file:///tmp/jiaodui-robust/restart.txt';
    await first.open(uri, seedText(S002));
    const before = codes(await first.diagnostics(uri, 1, 30_000));
    const exited = new Promise<number | null>(resolve => first.process.once('exit', (code, signal) => resolve(signal ? -1 : code)));
    first.process.kill('SIGKILL');
    assert.equal(await exited, -1);
    first.connection.dispose();
    // What the client does after a crash: start a new server, reopen the documents.
    const second = new TestClient();
    try {
      await second.initialize();
      await second.open(uri, seedText(S002));
      assert.deepEqual(codes(await second.diagnostics(uri, 1, 30_000)), before);
    } finally {
      await second.shutdown();
    }
  });
});
