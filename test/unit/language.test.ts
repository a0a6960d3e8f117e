// The character model, candidate generation and protected spans (server/src/language/), and the
// character rules that use them, on sentences written for these tests in the style of news text.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/engine/analyze';
import { lexicon } from '../../server/src/language/lexicon';
import { confusionCandidates } from '../../server/src/language/candidates';
import { charModel, symbolOf, symbolsOf } from '../../server/src/language/ngram';
import { IDIOM, NAME, NUMBER, QUOTATION, computeMask } from '../../server/src/rules/protect';

const root = path.join(__dirname, '..', '..');
const CHAR_RULES = new Set(['lookalike-char', 'traditional-char', 'duplicate-char', 'garbled-text']);
/** `rule@column→replacement` of the character findings on one line of text (`!` when safe). */
const findings = (text: string) => analyze(text, { entities: false }).findings.filter(f => CHAR_RULES.has(f.rule))
  .map(f => `${f.rule}@${f.range.start.character}→${f.fixes[0]?.edits[0]?.newText ?? ''}${f.fixes[0]?.safe ? '!' : ''}`);
const gain = (text: string, k: number, alt: string) => charModel()!.substitutionGain(symbolsOf(text), k, alt.charCodeAt(0));

describe('character trigram model (language/ngram.ts)', () => {
  it('is found in models/ and loads', () => {
    assert.ok(charModel());
  });

  it('reads full-width and half-width digits and letters alike, by class, and curly quotes as straight ones', () => {
    assert.equal(symbolOf('“'.charCodeAt(0)), symbolOf('"'.charCodeAt(0)));
    assert.equal(symbolOf('１'.charCodeAt(0)), symbolOf('7'.charCodeAt(0)));
    assert.equal(symbolOf('Ａ'.charCodeAt(0)), symbolOf('z'.charCodeAt(0)));
    assert.equal(symbolOf('年'.charCodeAt(0)), '年'.charCodeAt(0));
  });

  it('prefers the right character of a look-alike pair from the context on both sides', () => {
    assert.ok(gain('这项工程已经纳人全省重点项目', 7, '入') > 4);
    assert.ok(gain('我们对末来充满信心', 3, '未') > 4);
    // and the printed character where it is right
    assert.ok(gain('为人民服务', 1, '入') < 0);
    assert.ok(gain('他已经回到了家乡', 1, '己') < 0);
  });

  it('is reproduced byte for byte by scripts/train-lm.ts from the corpus', function () {
    const corpus = path.join(root, '..', 'shared', 'corpus');
    if (!fs.existsSync(corpus)) {
      console.log(`      (skipped: no corpus at ${corpus})`);
      this.skip();
    }
    this.timeout(180_000);
    const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'train-lm.ts'), '--corpus', corpus, '--check'], { cwd: root, encoding: 'utf8' });
    assert.match(out, /reproduced byte for byte/);
  });
});

describe('look-alike candidates (language/candidates.ts)', () => {
  it('offers the hand-checked look-alikes first, then computed glyph neighbours, most alike first', () => {
    const cands = confusionCandidates('己'.charCodeAt(0));
    assert.deepEqual(new Set(cands.filter(c => c.checked).map(c => c.ch)), new Set(['已', '巳']));
    const glyphs = cands.filter(c => !c.checked);
    assert.ok(glyphs.length > 0 && glyphs.every(c => c.sim >= 0.6 && c.sim < 1));
    assert.deepEqual(glyphs.map(c => c.sim), glyphs.map(c => c.sim).sort((a, b) => b - a));
    assert.ok(cands.findIndex(c => !c.checked) === cands.filter(c => c.checked).length);
  });

  it('offers nothing for what is not a hanzi', () => {
    assert.deepEqual(confusionCandidates('A'.charCodeAt(0)), []);
    assert.deepEqual(confusionCandidates('，'.charCodeAt(0)), []);
  });
});

describe('protected spans (language/protect.ts)', () => {
  const mask = (text: string) => computeMask(text, lexicon.tag(text), lexicon);
  const reasons = (text: string, part: string) => {
    const m = mask(text), i = text.indexOf(part);
    return [...m.subarray(i, i + part.length)];
  };

  it('covers a person after a title, and places', () => {
    const text = '国家主席江泽民在北京会见了来访的客人。';
    assert.ok(reasons(text, '江泽民').every(r => r & NAME));
    assert.ok(reasons(text, '北京').every(r => r & NAME));
    assert.ok(reasons(text, '会见').every(r => r === 0));
  });

  it('covers pairs of country and province abbreviations jieba does not know', () => {
    const text = '美俄之间的谈判仍在继续。';
    assert.ok(reasons(text, '美俄').every(r => r & NAME));
  });

  it('covers a name whose given name jieba splits into single characters', () => {
    const text = '县长李入平主持会议。';
    assert.ok(reasons(text, '李入平').every(r => r & NAME));
  });

  it('covers the numerals of numbers and dates, not the words around them', () => {
    const text = '一九九八年元月，全省八个地区完成了任务。';
    assert.ok(reasons(text, '一九九八').every(r => r & NUMBER));
    assert.ok(reasons(text, '八').every(r => r & NUMBER));
    assert.deepEqual(reasons(text, '完成'), [0, 0]);
  });

  it('covers idioms and quotations', () => {
    const text = '他出人头地的愿望实现了，写下了《人民的好干部》一文。';
    assert.ok(reasons(text, '出人头地').every(r => r & IDIOM));
    assert.ok(reasons(text, '人民的好干部').every(r => r & QUOTATION));
  });
});

describe('lookalike-char with the character model', () => {
  it('finds look-alikes in plain prose, with the replacement', () => {
    assert.deepEqual(findings('这项工程已经纳人全省重点项目，明年开工。'), ['lookalike-char@7→入']);
    assert.deepEqual(findings('我们对末来充满信心。'), ['lookalike-char@3→未']);
    assert.deepEqual(findings('边防土兵坚守岗位。'), ['lookalike-char@2→士']);
    assert.deepEqual(findings('他们把收购的药村运到城里销售。'), ['lookalike-char@7→材']);
  });

  it('finds a look-alike that makes a number or a date with the numeral before it', () => {
    assert.deepEqual(findings('会议于3月15曰在北京召开。'), ['lookalike-char@7→日']);
    assert.deepEqual(findings('他写了一干多字的报告。'), ['lookalike-char@4→千']);
    assert.deepEqual(findings('全书共分八章，约三十万字。'), []);
  });

  it('marks a correction safe only on overwhelming evidence', () => {
    assert.deepEqual(findings('这些问题己经得到解决。'), ['lookalike-char@4→已!']);
    assert.ok(!findings('我们对末来充满信心。')[0].endsWith('!'));
  });

  it('leaves names, idioms and correct prose alone', () => {
    for (const text of [
      '县长李入平主持会议。', '记者王人杰报道。', '会议由副县长张平安主持。', '他出人头地的愿望终于实现了。',
      '我们要把群众的利益放在第一位，为人民服务。', '他一个人在大厅里来回走动，心里很不平静。',
      '今年粮食产量比去年增长了一成，农民收入稳步提高。', '这部电影讲述了一个感人的故事。',
    ]) assert.deepEqual(findings(text), [], text);
  });
});

describe('duplicate-char with morphology and the character model', () => {
  it('finds a doubled character', () => {
    assert.deepEqual(findings('他们们在会上提出了许多建议。'), ['duplicate-char@2→!']);
    assert.deepEqual(findings('这是是一个好办法。'), ['duplicate-char@2→']);
  });

  it('leaves reduplication and compounds that double a character alone', () => {
    for (const text of [
      '外交部部长在会上发言。', '去年年初，他来到这个村。', '村里年年丰收，户户有余粮。', '条条大路通罗马。',
      '她的脸红红的。', '王明明天去北京开会。',
    ]) assert.deepEqual(findings(text), [], text);
  });
});
