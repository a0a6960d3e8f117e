// `npm run package`: the .vsix holds jieba's dictionaries and no native code, and the server as
// packaged runs on its own (no node_modules at all: not the repository's, nor a NODE_PATH).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { root, seedsDir, seedUri, TestClient } from './harness';

describe('the packaged extension', function () {
  this.timeout(120_000);
  let dir: string;
  let vsix: Buffer;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiaodui-package-'));
    execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root });
    execFileSync(process.execPath, ['scripts/package.mjs', '--out', path.join(dir, 'jiaodui.vsix'), '--stage', path.join(dir, 'stage')], { cwd: root, stdio: 'pipe' });
    vsix = fs.readFileSync(path.join(dir, 'jiaodui.vsix'));
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('contains the bundled code, jieba\'s dictionaries, the trained models, rule docs, grammar, icon and licence, and no native module', () => {
    // Zip entries' names are stored uncompressed in the central directory.
    for (const name of ['extension/dist/server.js', 'extension/dist/lsp.js', 'extension/dist/engine.js', 'extension/dist/client.js', 'extension/docs/rules/line-wrap.md',
      'extension/syntaxes/newspaper.tmLanguage.json', 'extension/images/icon.png', 'extension/LICENSE.txt', 'extension/changelog.md',
      'extension/package.nls.zh-cn.json', 'extension/l10n/bundle.l10n.zh-cn.json',
      'extension/dist/dict/jieba.dict.utf8', 'extension/dist/dict/hmm_model.utf8', 'extension/dist/dict/user.dict.utf8', 'extension/dist/dict/jieba.table', 'extension/dist/dict/gazetteer.index',
      'extension/dist/vendor/pcas.json', 'extension/dist/vendor/opencc-t2cn.js', 'extension/dist/vendor/iconv-lite.js',
      'extension/dist/models/lm.bin']) {
      assert.ok(vsix.includes(name), `${name} missing from the .vsix`);
    }
    for (const name of ['.node', 'node_modules/', 'idf.utf8']) assert.ok(!vsix.includes(name), `${name} should not be in the .vsix`);
    assert.ok(!vsix.includes('server.js.map'), 'source maps should stay out of the package');
  });

  it('runs the packaged server with nothing but the package', async () => {
    const stage = path.join(dir, 'stage');
    const client = new TestClient(path.join(stage, 'dist', 'server.js'), { PATH: process.env.PATH });
    try {
      await client.initialize(`file://${stage}`);
      const name = '003_7fc49da2a4fe33c9.txt';
      await client.open(seedUri(name), fs.readFileSync(path.join(seedsDir, name), 'utf8'));
      const diagnostics = await client.diagnostics(seedUri(name), 1, 30_000);
      assert.ok(diagnostics.length > 0, `no diagnostics; server stderr: ${client.stderr}`);
      assert.ok(diagnostics.every(d => d.codeDescription!.href.startsWith(`file://${stage}/docs/rules/`)));
      // The doubled 旗 of `党旗旗下` is reported only with the character model's agreement: the
      // packaged server found its model in dist/models.
      assert.ok(diagnostics.some(d => d.code === 'duplicate-char'), `no duplicate-char: ${JSON.stringify(diagnostics.map(d => d.code))}`);
      await client.until(() => client.statuses.some(s => s.state === 'ready' && s.uri === undefined), 30_000, 'dictionary ready');
      // The page was opened right after initialize: it waited for the background load, which
      // therefore showed its progress instead of happening silently inside the first analysis.
      assert.deepEqual(client.progress.map(p => p.kind), ['begin', 'end']);
      // Places come from the division table, which the engine requires from dist/vendor on first use.
      const text = fs.readFileSync(path.join(seedsDir, name), 'utf8');
      const at = text.indexOf('博爱县');
      const line = text.slice(0, at).split('\n').length - 1, character = at - (text.lastIndexOf('\n', at - 1) + 1);
      const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: seedUri(name) }, position: { line, character: character + 1 } }) as { contents: { value: string } };
      assert.ok(hover.contents.value.includes('河南省 › 焦作市 › 博爱县'), `hover: ${JSON.stringify(hover)}; stderr: ${client.stderr}`);
    } finally {
      await client.shutdown();
    }
  });
});
