// Spaces, half-width punctuation and unbalanced quotes on the real seed pages and on the
// character classes they rest on. Rules run directly on the page model (no dictionary needed).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildPage } from '../../server/src/page/page';
import { createContext } from '../../server/src/engine/analyze';
import { applyEdits, splitLines } from '../../server/src/core/text';
import { isChineseClauseMark, isCjkPunct, isHan, neighbourScript } from '../../server/src/core/charclass';
import { cjkSpace } from '../../server/src/rules/cjk-space';
import { halfwidthPunct } from '../../server/src/rules/halfwidth-punct';
import { unbalancedQuote } from '../../server/src/rules/unbalanced-quote';
import type { Report, Rule } from '../../server/src/rules/rule';

const seed = (prefix: string) => {
  const dir = path.join(__dirname, '..', '..', 'seeds');
  return fs.readFileSync(path.join(dir, fs.readdirSync(dir).find(f => f.startsWith(prefix))!), 'utf8');
};
const run = (rule: Rule, text: string): Report[] => rule.check(createContext(buildPage(text)));
/** `line:col`, 1-based line as in an editor. */
const at = (r: Report) => `${r.range.start.line + 1}:${r.range.start.character}`;
const fixedLine = (text: string, r: Report) => splitLines(applyEdits(text, r.fixes![0].edits)).lines[r.range.start.line].text;

describe('character classes', () => {
  it('tells Han characters and CJK punctuation from ASCII', () => {
    assert.ok(isHan('黄'.charCodeAt(0)) && isHan('〇'.charCodeAt(0)) && isHan('𠮷'.charCodeAt(0)));
    assert.ok(!isHan('，'.charCodeAt(0)) && isCjkPunct('，'.charCodeAt(0)) && isCjkPunct('“'.charCodeAt(0)));
    assert.ok(!isCjkPunct(','.charCodeAt(0)) && !isHan('a'.charCodeAt(0)));
  });

  it('looks past spaces and ASCII marks for the nearest letter', () => {
    assert.equal(neighbourScript('杨妈妈好!"', 4, -1), 'cjk');
    assert.equal(neighbourScript('创建"五星", 是', 7, 1), 'cjk');
    assert.equal(neighbourScript('Hello, world', 5, 1), 'latin');
  });

  it('counts a clause mark as Chinese next to Chinese, not inside numbers, times, URLs or English', () => {
    const mark = (text: string, ch: string) => isChineseClauseMark(text, text.indexOf(ch));
    assert.ok(mark('编辑:金桂香', ':'));
    assert.ok(mark('该村虽小,在创建', ','));
    assert.ok(mark('受灾,5471060.83平方米', ','));
    assert.ok(!mark('游客1,334万人次', ','));
    assert.ok(!mark('上午10:30举行', ':'));
    assert.ok(!mark('网址http://例子', ':'));
    assert.ok(!mark('Hello, world', ','));
  });
});

describe('halfwidth-punct on seed 002', () => {
  const text = seed('002_');
  const found = run(halfwidthPunct, text);
  const byPos = new Map(found.map(r => [at(r), r]));

  it('pairs a straight quote OCR split around a photo caption: 81名"校 … 警"定期 closes with ”', () => {
    assert.equal(byPos.get('108:16')?.fixes?.[0].edits[0].newText, '“');
    assert.equal(byPos.get('114:1')?.fixes?.[0].edits[0].newText, '”');
    // The caption printed in between pairs its own quotes.
    assert.equal(byPos.get('112:5')?.fixes?.[0].edits[0].newText, '“');
    assert.equal(byPos.get('112:16')?.fixes?.[0].edits[0].newText, '”');
  });

  it("turns the nested '一穷二白' into ‘一穷二白’ inside the double quotes", () => {
    const line = fixedLine(text, byPos.get('64:7')!);
    assert.ok(line.startsWith('"俺村在资源上‘一穷二白\''), line);
    assert.equal(byPos.get('64:12')?.fixes?.[0].edits[0].newText, '’');
    assert.equal(byPos.get('64:87')?.fixes?.[0].edits[0].newText, '”');
  });

  it('removes the Latin space after a half-width comma together with the comma', () => {
    assert.ok(fixedLine(text, byPos.get('66:11')!).startsWith('司庄村鞋垫加工业的发展，是孟州'));
  });

  it('reports one single-character range per mark', () => {
    for (const r of found) {
      assert.equal(r.range.start.line, r.range.end.line);
      assert.equal(r.range.end.character - r.range.start.character, 1);
    }
  });

  it('leaves a stable page: after every fix of both rules neither finds anything', () => {
    const edits = [...found, ...run(cjkSpace, text)].flatMap(r => r.fixes![0].edits);
    const fixed = applyEdits(text, edits);
    assert.deepEqual(run(halfwidthPunct, fixed).map(at), []);
    assert.deepEqual(run(cjkSpace, fixed).map(at), []);
    assert.ok(splitLines(fixed).lines[38].text.startsWith('孟州市化工镇晁庄村是个黄河滩区小村，常住人口87户、280人，'));
  });
});

describe('halfwidth-punct on mixed quotes', () => {
  it('closes a curly opening quote with ” when its partner is straight', () => {
    const text = '开展“五星"支部创建，成效明显。';
    assert.deepEqual(run(halfwidthPunct, text).map(r => [at(r), r.fixes![0].edits[0].newText]), [['1:5', '”']]);
  });
});

describe('cjk-space on the seeds', () => {
  it('flags the space inside 5月 16日 but not the one after the dateline 本报讯', () => {
    const found = run(cjkSpace, seed('000_')).map(at);
    assert.ok(found.includes('24:6') && found.includes('67:6'));
    assert.ok(!found.includes('24:3') && !found.includes('67:3'));
    // `记者 李晓霞`, `巩义市：消除防汛隐患 确保安全度汛`: byline and headline spaces stay.
    assert.ok(!found.some(p => ['64', '65', '91', '93', '95', '116', '117'].includes(p.split(':')[0])), found.join(' '));
  });

  it('finds every space OCR left where it merged column lines in seed 002 line 39', () => {
    const found = run(cjkSpace, seed('002_')).map(at).filter(p => p.startsWith('39:'));
    assert.deepEqual(found, ['39:11', '39:27', '39:45', '39:61', '39:77', '39:92', '39:107', '39:122', '39:137', '39:152', '39:167', '39:182', '39:197']);
  });

  it('leaves byline names, a caption credit and quoted slogans alone', () => {
    assert.deepEqual(run(cjkSpace, seed('002_')).map(at).filter(p => p.startsWith('7:')), []);
    // `许不浪(左)与村民交谈。 本报记者 宁江东 摄`, `“面向未来 烹然心动”`
    const found = run(cjkSpace, seed('004_')).map(at);
    assert.ok(!found.some(p => p.startsWith('56:') || p.startsWith('114:')), found.join(' '));
    // `“华东党旗红 干事当先锋”`, `“人才相约 为爱聚焦”`
    assert.deepEqual(run(cjkSpace, seed('003_')).map(at), []);
  });
});

describe('unbalanced-quote on the seeds', () => {
  it('finds the closing quote with no opener in seed 003: …履行党员安全监管职责……”近日', () => {
    assert.deepEqual(run(unbalancedQuote, seed('003_')).map(at), ['106:54']);
  });

  it('finds nothing on pages whose quotes close, even across column breaks and captions', () => {
    for (const p of ['000_', '001_', '002_']) assert.deepEqual(run(unbalancedQuote, seed(p)).map(at), [], p);
  });
});
