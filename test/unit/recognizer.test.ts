// The statistical entity labeller (server/src/entities/) on sentences written for these tests in
// the style of news prose, and the training script's reproducibility.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/engine/analyze';
import { outermost } from '../../server/src/entities/merge';
import { recognizeNames } from '../../server/src/entities/recognizer';

/** `text`'s names as `type:text` strings, in order. */
const names = (text: string) => recognizeNames(text).map(s => `${s.type}:${text.slice(s.start, s.end)}`);

describe('entity labeller', () => {
  it('reads a foreign name printed with a middle dot as one person, whichever dot the page uses', () => {
    assert.deepEqual(names('英国首相托尼·布莱尔昨天在唐宁街会见了来访的客人。'), ['place:英国', 'person:托尼·布莱尔', 'place:唐宁街']);
    assert.deepEqual(names('英国首相托尼・布莱尔昨天在唐宁街会见了来访的客人。'), ['place:英国', 'person:托尼・布莱尔', 'place:唐宁街']);
  });

  it('takes an organisation whose name begins with a place as one organisation', () => {
    assert.deepEqual(names('上海市政府决定在浦东建设一座新的大桥。'), ['org:上海市政府', 'place:浦东']);
  });

  it('reads a chain of divisions as one place each', () => {
    assert.deepEqual(names('他的老家在河南省郑州市巩义市的一个小村子里。'), ['place:河南省', 'place:郑州市', 'place:巩义市']);
  });

  it('reads a reporter and an organisation after an agency', () => {
    assert.deepEqual(names('新华社记者李小龙报道：河南省交通运输厅昨天召开会议。'), ['org:新华社', 'person:李小龙', 'org:河南省交通运输厅']);
  });

  it('keeps a name with an OCR space inside whole, its range covering the space', () => {
    const text = '外交部长钱 其琛今天在唐宁街会见了来访的客人。';
    const [person] = recognizeNames(text);
    assert.deepEqual(person, { start: 4, end: 8, type: 'person' });
  });

  it('trims a title off a person (the corpus annotates the surname alone)', () => {
    assert.deepEqual(names('“吴书记和村干部还多次来到地头。'), ['person:吴']);
  });

  it('reads full-width digits as the corpus prints them and half-width as pages do alike', () => {
    const full = recognizeNames('１９９８年１月５日，河南省交通运输厅发布公告。');
    const half = recognizeNames('1998年1月5日，河南省交通运输厅发布公告。');
    assert.deepEqual(full, half);
    assert.equal(full.length, 1);
  });

  it('finds nothing in text without names, and returns a fresh array each time', () => {
    assert.deepEqual(names('今年的雨水比往年多一些，庄稼长得很好。'), []);
    const a = recognizeNames('上海市政府决定在浦东建设一座新的大桥。');
    a.pop();
    assert.equal(recognizeNames('上海市政府决定在浦东建设一座新的大桥。').length, 2);
  });
});

describe('entities on a page: labeller and rules together', () => {
  const entitiesOf = (text: string) => analyze(text, { entities: true }).entities;

  it('lists a local organisation whole and keeps the places inside it for the hover', () => {
    const found = entitiesOf('武陟县大虹桥乡西阳照村经济合作社召开了会员大会。\n');
    const flat = outermost(found).map(e => `${e.type}:${e.text}`);
    assert.deepEqual(flat, ['org:武陟县大虹桥乡西阳照村经济合作社']);
    assert.ok(found.some(e => e.type === 'place' && e.text === '武陟县'), found.map(e => e.text).join(' '));
  });

  it('gives a learned person the role a title states', () => {
    const found = entitiesOf('巩义市委书记李小龙到该村调研。\n');
    const person = found.find(e => e.type === 'person');
    assert.equal(person?.text, '李小龙');
    assert.equal(person?.role, '巩义市委书记');
  });

  it('names every reporter of the seed pages\' bylines as a person', function () {
    this.timeout(60000);
    const seeds = path.join(__dirname, '..', '..', 'seeds');
    const byline = /^(?:本报)?(?:记者|通讯员)\s+(.+?)(?:\s+摄)?$/;
    let checked = 0;
    for (const file of fs.readdirSync(seeds).filter(f => f.endsWith('.txt')).sort()) {
      const text = fs.readFileSync(path.join(seeds, file), 'utf8');
      const persons = analyze(text, { entities: true }).entities.filter(e => e.type === 'person');
      text.split('\n').forEach((line, i) => {
        const m = byline.exec(line.trim());
        if (!m) return;
        const pieces = m[1].split(/\s+/).filter(p => !/^(?:本报)?(?:记者|通讯员)$/.test(p));
        // A one-character piece is a surname cut from its given name by an OCR space (`董 蕾`).
        const names: string[] = [];
        for (let k = 0; k < pieces.length; k++) names.push(pieces[k].length === 1 ? pieces[k] + (pieces[++k] ?? '') : pieces[k]);
        for (const name of names) {
          checked++;
          assert.ok(persons.some(p => p.range.start.line === i && p.text.replace(/\s/g, '') === name), `${file}:${i + 1} ${name} not named as a person`);
        }
      });
    }
    assert.ok(checked >= 15, `only ${checked} byline names checked`);
  });
});

describe('entity model training', () => {
  const corpus = path.join(__dirname, '..', '..', '..', 'shared', 'corpus', 'pd-1998-01-01_20.pfr.txt');
  it('reproduces models/ner.bin and models/ner-names.txt byte for byte from the corpus', function () {
    if (!fs.existsSync(corpus)) {
      console.log(`      (skipped: the People's Daily corpus is not at ${corpus})`);
      this.skip();
    }
    this.timeout(600000);
    const root = path.join(__dirname, '..', '..');
    const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'train-ner.ts'), '--check', corpus], { cwd: root, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
  });
});
