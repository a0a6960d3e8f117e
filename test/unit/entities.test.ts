// Entity recognition on real newspaper sentences (taken from the seed pages).
// Fixtures: test/fixtures/entities/<case>.txt with a sidecar <case>.entities.json:
//   { "description", "entities": [{ "line", "col", "text", "type", "role"?, "hierarchy"? }],
//     "absent": [{ "text", "type"? }], "onlyTypes"?: { "<type>": <count> } }
// `line` is 1-based as in an editor, `col` a 0-based UTF-16 column. Every listed entity must be
// reported exactly (start, text, type; role and hierarchy when given); no `absent` text may be
// reported (with that type, when given); `onlyTypes` fixes how many entities of a type there are.
// (Not named .expected.json: that suffix belongs to the rule fixtures.)
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/engine/analyze';
import { chainOf, gazetteer, resolve } from '../../server/src/entities/gazetteer';
import type { Entity } from '../../server/src/core/types';

interface Expected {
  description: string;
  entities: { line: number; col: number; text: string; type: string; role?: string; hierarchy?: string[] }[];
  absent?: { text: string; type?: string }[];
  onlyTypes?: Record<string, number>;
}

const dir = path.join(__dirname, '..', 'fixtures', 'entities');
const entitiesOf = (text: string): Entity[] => analyze(text, { entities: true }).entities;
const show = (es: Entity[]) => es.map(e => `${e.range.start.line + 1}:${e.range.start.character} ${e.type} ${e.text}`).join('\n');

describe('entities', () => {
  describe('fixtures', () => {
    for (const file of fs.readdirSync(dir).filter(f => f.endsWith('.txt')).sort()) {
      const expected = JSON.parse(fs.readFileSync(path.join(dir, file.replace(/\.txt$/, '.entities.json')), 'utf8')) as Expected;
      it(`${file}: ${expected.description}`, () => {
        const found = entitiesOf(fs.readFileSync(path.join(dir, file), 'utf8'));
        for (const want of expected.entities) {
          const got = found.find(e => e.range.start.line === want.line - 1 && e.range.start.character === want.col && e.type === want.type);
          assert.ok(got, `expected ${want.type} ${want.text} at ${want.line}:${want.col}; found:\n${show(found)}`);
          assert.equal(got.text, want.text);
          if (want.role !== undefined) assert.equal(got.role, want.role, `role of ${want.text}`);
          if (want.hierarchy !== undefined) assert.deepEqual(got.hierarchy, want.hierarchy, `hierarchy of ${want.text}`);
        }
        for (const no of expected.absent ?? []) {
          const bad = found.find(e => e.text === no.text && (!no.type || e.type === no.type));
          assert.ok(!bad, `${no.text} must not be reported as ${bad?.type}`);
        }
        for (const [type, n] of Object.entries(expected.onlyTypes ?? {})) {
          assert.equal(found.filter(e => e.type === type).length, n, `number of ${type} entities; found:\n${show(found)}`);
        }
      });
    }
  });

  it('reports a name wrapped across a line break with a two-line range and the text without the break', () => {
    const found = entitiesOf('会后，巩义市委书记袁聚\n平立即主持召开会议。\n');
    const p = found.find(e => e.type === 'person');
    assert.ok(p, show(found));
    assert.equal(p.text, '袁聚平');
    assert.deepEqual(p.range, { start: { line: 0, character: 9 }, end: { line: 1, character: 1 } });
    assert.equal(p.role, '巩义市委书记');
  });

  it('keeps an OCR space inside a byline name in both text and range', () => {
    const [p] = entitiesOf('本报记者 董 蕾\n').filter(e => e.type === 'person');
    assert.equal(p.text, '董 蕾');
    assert.deepEqual(p.range, { start: { line: 0, character: 5 }, end: { line: 0, character: 8 } });
  });

  it('never reports an entity inside another of the same type, but lets types nest', () => {
    const found = entitiesOf('西头村党支部书记吴志伟和村干部一起察看菊苗长势。\n');
    assert.deepEqual(found.map(e => `${e.range.start.character}:${e.type}:${e.text}`).sort(), ['0:org:西头村党支部', '0:place:西头村', '8:person:吴志伟']);
    for (const a of found) for (const b of found) {
      if (a === b || a.type !== b.type) continue;
      assert.ok(a.range.end.character <= b.range.start.character || b.range.end.character <= a.range.start.character, `${a.text} overlaps ${b.text}`);
    }
  });

  it('leaves a county without a chain when the page gives no way to choose between namesakes', () => {
    const gz = gazetteer();
    const zhouzhuang = gz.full('周庄镇') ?? [];
    assert.ok(zhouzhuang.length > 1, 'several towns are called 周庄镇');
    assert.equal(resolve(zhouzhuang, new Set()), undefined);
    const chosen = resolve(zhouzhuang, new Set(['焦作市', '修武县']));
    assert.deepEqual(chosen && chainOf(chosen), ['河南省', '焦作市', '修武县', '周庄镇']);
  });

  it('indexes short forms of provinces, cities and counties but not one-character stems', () => {
    const gz = gazetteer();
    assert.deepEqual(gz.short('河南')?.filter(d => d.level === 'province').map(chainOf), [['河南省']]);
    assert.ok(gz.short('巩义')?.some(d => chainOf(d).join('›') === '河南省›郑州市›巩义市'));
    assert.equal(gz.short('温'), undefined);
    assert.ok(gz.namesAt('在巩义市委', 1).includes('巩义市'));
  });

  it('finds the persons, places and organisations of a whole seed page and no person twice at one spot', function () {
    this.timeout(20000);
    const text = fs.readFileSync(path.join(__dirname, '..', '..', 'seeds', '000_386ae1f4641b9e07.txt'), 'utf8');
    const found = entitiesOf(text);
    const at = (line: number, col: number, type: string) => found.find(e => e.range.start.line === line - 1 && e.range.start.character === col && e.type === type)?.text;
    assert.equal(at(1, 15, 'person'), '张建波');
    assert.equal(at(14, 6, 'person'), '张赛军');
    assert.equal(at(26, 12, 'person'), '袁聚平');
    assert.equal(at(31, 16, 'org'), '郑州市委');
    assert.equal(at(65, 8, 'person'), '王柳');
    assert.equal(at(106, 11, 'person'), '吴志伟');
    assert.equal(at(117, 5, 'person'), '吴瑞霞');
    assert.equal(at(126, 13, 'place'), '温县');
    assert.equal(at(154, 5, 'person'), '王新峰');
    const keys = found.map(e => `${e.range.start.line}:${e.range.start.character}:${e.type}`);
    assert.equal(new Set(keys).size, keys.length);
  });
});
