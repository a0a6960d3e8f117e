// The extension makes no network requests: the language server and the command line run a full
// session with every network entry point of Node replaced by a recorder that fails
// (test/fixtures/no-network/preload.js), and nothing is recorded.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { root, seedsDir, seedUri, TestClient } from './harness';

const preload = path.join(root, 'test', 'fixtures', 'no-network', 'preload.js');

describe('no network access', function () {
  this.timeout(120_000);
  let log: string;
  let env: NodeJS.ProcessEnv;

  beforeEach(() => {
    log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jiaodui-net-')), 'attempts.log');
    env = { ...process.env, JIAODUI_NET_LOG: log, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${preload}`.trim() };
  });
  const attempts = () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '');

  it('the recorder catches a request (the check can fail)', () => {
    const r = spawnSync(process.execPath, ['-e', "require('node:https').get('https://example.invalid/')"], { env, encoding: 'utf8' });
    assert.notEqual(r.status, 0);
    assert.match(attempts(), /https\.get/);
  });

  it('the language server answers a whole session without touching the network', async () => {
    const client = new TestClient(path.join(root, 'dist', 'server.js'), env);
    try {
      await client.initialize(pathToFileURL(seedsDir).href);
      for (const name of fs.readdirSync(seedsDir).filter(f => f.endsWith('.txt'))) {
        const uri = seedUri(name);
        const doc = await client.open(uri, fs.readFileSync(path.join(seedsDir, name), 'utf8'));
        const diagnostics = await client.diagnostics(uri, doc.version, 30_000);
        assert.ok(diagnostics.length > 0, `diagnostics for ${name}`);
        await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
        await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 63, character: 4 } });
        await client.connection.sendRequest('textDocument/codeAction', {
          textDocument: { uri }, range: diagnostics[0].range, context: { diagnostics: [diagnostics[0]] },
        });
      }
      // Workspace-wide features read the other pages of the folder.
      await client.connection.sendRequest('workspace/symbol', { query: '巩义' });
      await client.connection.sendRequest('textDocument/references', {
        textDocument: { uri: seedUri('000_386ae1f4641b9e07.txt') }, position: { line: 63, character: 4 }, context: { includeDeclaration: true },
      });
    } finally {
      await client.shutdown();
    }
    assert.equal(attempts(), '', 'network attempts by the server');
  });

  it('the command line lints, fixes, outlines and lists entities without touching the network', () => {
    for (const cmd of ['lint', 'fix', 'outline', 'entities']) {
      const r = spawnSync(process.execPath, [path.join(root, 'dist', 'cli.js'), cmd, '--format', 'json', '--jobs', '2', seedsDir], { env, encoding: 'utf8', maxBuffer: 1 << 26 });
      assert.ok(r.status === 0 || r.status === 1, `${cmd} exit ${r.status}: ${r.stderr}`);
    }
    assert.equal(attempts(), '', 'network attempts by the CLI');
  });
});
