import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lexicon } from '../../server/src/language/lexicon';

// The build writes the parsed dictionary to dist/dict/jieba.table (esbuild.mjs); the bundles load
// it instead of parsing jieba's text. Here (from source) the table is parsed from the text: the
// bundle's tags must be the same, and a damaged snapshot must fall back to the text.
const root = path.join(__dirname, '..', '..');
const seedDir = path.join(root, 'seeds');
const seeds = fs.readdirSync(seedDir).map(f => fs.readFileSync(path.join(seedDir, f), 'utf8'));

describe('dictionary snapshot', function () {
  this.timeout(60_000);

  it('is loaded by the bundle, and segments the seeds exactly as the table parsed from text', () => {
    const engine = path.join(root, 'dist', 'engine.js');
    const script = `const e = require(${JSON.stringify(engine)}); e.warmUp();
      const texts = JSON.parse(require('fs').readFileSync(0, 'utf8'));
      process.stdout.write(JSON.stringify({ source: e.dictionarySource(), tags: texts.map(t => e.lexicon.tag(t)) }));`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { input: JSON.stringify(seeds), encoding: 'utf8', maxBuffer: 1 << 26 }));
    assert.equal(out.source, 'snapshot');
    assert.deepEqual(out.tags, seeds.map(t => lexicon.tag(t)));
  });

  it('is read onto shared memory: shared with worker threads without a copy, and nothing drags the file into workerData', () => {
    const engine = path.join(root, 'dist', 'engine.js');
    const script = `const e = require(${JSON.stringify(engine)}); e.warmUp();
      const d = e.shareDictionary();
      const arrays = [...Object.entries(d.table), ...Object.entries(d.hmm)].filter(([, v]) => ArrayBuffer.isView(v));
      process.stdout.write(JSON.stringify({ source: e.dictionarySource(), arrays: arrays.map(([k, v]) => ({ k, shared: v.buffer instanceof SharedArrayBuffer, own: v.byteLength === v.buffer.byteLength, buffer: v.buffer.byteLength })) }));`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as { source: string; arrays: { k: string; shared: boolean; own: boolean; buffer: number }[] };
    assert.equal(out.source, 'snapshot');
    const snapshotSize = fs.statSync(path.join(root, 'dist', 'dict', 'jieba.table')).size;
    // The table's arrays are views of the snapshot as read (one buffer of the file's size), not copies.
    for (const name of ['chars', 'start', 'slots', 'freq']) {
      const a = out.arrays.find(x => x.k === name)!;
      assert.ok(a.shared && a.buffer === snapshotSize, `${name}: ${JSON.stringify(a)}`);
    }
    // Posting an array clones its whole buffer unless the buffer is shared.
    for (const a of out.arrays) assert.ok(a.shared || a.own, `${a.k} is a view of an ordinary ${a.buffer}-byte buffer`);
  });

  it('falls back to the text when the snapshot is damaged or stale', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiaodui-snapshot-'));
    try {
      fs.cpSync(path.join(root, 'dist', 'engine.js'), path.join(dir, 'engine.js'));
      fs.cpSync(path.join(root, 'dist', 'dict'), path.join(dir, 'dict'), { recursive: true });
      const table = path.join(dir, 'dict', 'jieba.table');
      const script = `const e = require(${JSON.stringify(path.join(dir, 'engine.js'))}); e.warmUp();
        process.stdout.write(JSON.stringify({ source: e.dictionarySource(), tags: e.lexicon.tag(${JSON.stringify(seeds[0])}) }));`;
      const run = () => JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', maxBuffer: 1 << 26 }));
      const expected = lexicon.tag(seeds[0]);
      // Cut short: the arrays it announces are not all there.
      fs.truncateSync(table, fs.statSync(table).size >> 1);
      assert.deepEqual(run(), { source: 'text', tags: expected });
      // Another dictionary beside it than the one it was built from.
      fs.cpSync(path.join(root, 'dist', 'dict', 'jieba.table'), table);
      fs.appendFileSync(path.join(dir, 'dict', 'jieba.dict.utf8'), '校对工具 3 n\n');
      assert.equal(run().source, 'text');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
