import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lexicon } from '../../server/src/language/lexicon';

// segmenter.ts re-implements jieba's segmentation over lexicon.ts's table; the native module
// (nodejs-jieba, still installed for its dictionaries) is the oracle: same words, same tags.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const jieba = require('nodejs-jieba') as typeof import('nodejs-jieba');
const seedDir = path.join(__dirname, '..', '..', 'seeds');
const seeds = fs.readdirSync(seedDir).map(f => fs.readFileSync(path.join(seedDir, f), 'utf8'));

function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), seed | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The first index where two word lists differ, -1 when equal. */
function firstDifference(a: string[], b: string[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return -1;
}

function assertSameCut(text: string, label: string): void {
  const ours = lexicon.cut(text);
  const theirs = jieba.cut(text, true);
  const i = firstDifference(ours, theirs);
  assert.equal(i, -1, `${label}: at word ${i}, ours ${JSON.stringify(ours.slice(i, i + 4))}, jieba ${JSON.stringify(theirs.slice(i, i + 4))}`);
}

describe('segmenter: jieba\'s segmentation in TypeScript', () => {
  it('cuts every seed page word for word as nodejs-jieba does, and tags alike', () => {
    for (const [i, text] of seeds.entries()) {
      assertSameCut(text, `seed ${i}`);
      const ours = lexicon.tag(text);
      const theirs = jieba.tag(text);
      assert.equal(ours.length, theirs.length);
      ours.forEach((t, k) => assert.deepEqual(t, theirs[k], `seed ${i}, word ${k}`));
    }
  });

  it('cuts random text alike: page characters, runs of the page, rare Han, ASCII words and numbers, separators', () => {
    const rnd = mulberry32(20261123);
    const pool = seeds.join('').replace(/\s+/g, '');
    const ascii = 'abcXYZ0189.,-_ \t\n\r%';
    for (let k = 0; k < 600; k++) {
      let text = '';
      const n = 1 + Math.floor(rnd() * 160);
      for (let i = 0; i < n; i++) {
        const r = rnd();
        if (r < 0.7) text += pool[Math.floor(rnd() * pool.length)];
        else if (r < 0.8) { const at = Math.floor(rnd() * (pool.length - 30)); text += pool.slice(at, at + 4 + Math.floor(rnd() * 20)); }
        else if (r < 0.9) text += ascii[Math.floor(rnd() * ascii.length)];
        else if (r < 0.97) text += String.fromCodePoint(0x4e00 + Math.floor(rnd() * 0x5000));
        else text += String.fromCodePoint(0x20000 + Math.floor(rnd() * 0x100)); // astral Han: one rune, two units
      }
      assertSameCut(text, `random text ${k}`);
    }
  });

  it('joins its words back into the text, also where the binding would have lost characters', () => {
    // N-API hands jieba a lone surrogate as U+FFFD; here it stays what it was.
    for (const text of ['\ud800孤立\udc00代理', '半\uFFFD安', '中\u0000国', '', ' ', '，。', 'ａｂｃ全角３．１４', 'GDP增长5.2%，COVID-19']) {
      assert.equal(lexicon.cut(text).join(''), text);
      assert.equal(lexicon.tag(text).map(t => t.word).join(''), text);
    }
  });

  it('with user words, still cuts and tags as nodejs-jieba does after insertWord', () => {
    const words = ['党旗旗下', '河阳华流', '李晓霞', '人户', '乡村振兴示范区', 'GDP增长'];
    const out = execFileSync(process.execPath, ['--require', 'tsx/cjs', path.join(__dirname, 'helpers', 'segmenter-oracle.ts'), JSON.stringify(words)], { encoding: 'utf8' });
    assert.deepEqual(JSON.parse(out), []);
  });
});
