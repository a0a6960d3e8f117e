// One engine, two front ends: the language server and the command line cut a long page into the
// same pieces and run the same fix loop, so an editor and `jiaodui` agree on every finding and on
// the cleaned page. A page of ~150k characters made of the seed pages (several pieces), checked
// through the real server over stdio and the real CLI, read whole and streamed.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { cutPage, PIECE_MAX } from '../../server/src/engine/pieces';
import { build, cliPath } from '../cli/helpers';
import { root, seedsDir, TestClient } from './harness';

const seedTexts = fs.readdirSync(seedsDir).sort().map(f => fs.readFileSync(path.join(seedsDir, f), 'utf8'));
const longPage = (chars: number) => {
  const parts: string[] = [];
  for (let i = 0, n = 0; n < chars; i++) {
    const page = seedTexts[i % seedTexts.length].replace(/\n?$/, '\n\n');
    parts.push(page);
    n += page.length;
  }
  return parts.join('');
};

function cli(args: string[], streamBytes?: number): string {
  const env = { ...process.env, ...(streamBytes ? { JIAODUI_STREAM_BYTES: String(streamBytes) } : {}) };
  const r = spawnSync(process.execPath, [cliPath, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28, env });
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  return r.stdout;
}

const key = (rule: unknown, r: { start: { line: number; character: number }; end: { line: number; character: number } }, message: string) =>
  `${String(rule)} ${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character} ${message}`;

describe('the editor and the command line on the same long page', function () {
  this.timeout(180_000);
  const text = longPage(150_000);
  let dir: string;
  let file: string;
  let client: TestClient;

  before(async () => {
    build();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiaodui-frontends-'));
    file = path.join(dir, 'long.txt');
    fs.writeFileSync(file, text);
    client = new TestClient();
    await client.initialize(pathToFileURL(dir).href);
  });
  after(async () => {
    await client.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is long enough to be analysed in several pieces', () => {
    assert.ok(text.length > 3 * PIECE_MAX);
    assert.ok(cutPage(text).length >= 4);
  });

  it('gets the same findings from the language server, the CLI reading the file whole, and the CLI streaming it', async () => {
    const uri = pathToFileURL(file).href;
    await client.open(uri, text);
    const fromServer = (await client.diagnostics(uri, 1, 60_000)).map(d => key(d.code, d.range, String(d.message))).sort();
    const whole = JSON.parse(cli(['lint', '--format', 'json', file])).files[0].diagnostics.map((d: any) => key(d.rule, d.range, d.message)).sort();
    const streamed = JSON.parse(cli(['lint', '--format', 'json', file], 64 << 10)).files[0].diagnostics.map((d: any) => key(d.rule, d.range, d.message)).sort();
    assert.ok(fromServer.length > 500, `${fromServer.length} findings`);
    assert.deepEqual(whole, fromServer);
    assert.deepEqual(streamed, fromServer);
  });

  it('cleans the page to the same text in the editor ("Clean this page") as `jiaodui fix`, read whole or streamed', async () => {
    const uri = pathToFileURL(file).href;
    const result = await client.connection.sendRequest('workspace/executeCommand', { command: 'jiaodui.server.cleanPage', arguments: [{ uri, version: 1 }] }) as { applied: boolean; fixes: number };
    assert.ok(result.applied && result.fixes > 100, JSON.stringify(result));
    const cleaned = client.docs.get(uri)!.getText();
    assert.notEqual(cleaned, text);
    assert.equal(cli(['fix', file]), cleaned);
    assert.equal(cli(['fix', file], 64 << 10), cleaned);
  });
});
