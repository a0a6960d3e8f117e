// Any input: the analysis never throws, never hangs, and every range it reports lies inside the
// document. Inputs come from a seeded generator (gen.ts), so a failure names a reproducible case.
import * as assert from 'node:assert/strict';
import { analyze, type Analysis } from '../../../server/src/engine/analyze';
import { MAX_FULL_CHARS } from '../../../server/src/engine/degraded';
import { warmUp } from '../../../server/src/language/dictionary';
import { splitLines } from '../../../server/src/core/text';
import { assertFindingsWellFormed, assertRangeInside, binaryGarbage, FUZZ_SEED, mutatePage, randomText, rng, seedNames, seedText } from './gen';

/**
 * Per-input bound for fuzz cases of a few thousand characters. Full analysis of a 20k-character
 * seed page takes ≈ 0.3–1 s on a CI machine; a 5k-character input taking 3 s means a hang-like
 * blow-up (backtracking regex, quadratic scan), not machine noise.
 */
const SMALL_INPUT_MS = 3000;
/** Bound for the 1 MB inputs, which take the degraded path (degraded.ts). */
const MEGABYTE_MS = 3000;

/** Analyses `text` with entities (the language server computes them), checks every property, returns the time taken. */
function check(text: string, what: string): { ms: number; analysis: Analysis } {
  const t0 = performance.now();
  let analysis: Analysis;
  try {
    analysis = analyze(text, { entities: true });
    void analysis.entities.length; // entities are computed lazily: force them inside the timing
  } catch (e) {
    throw new Error(`${what}: analyze threw ${(e as Error).stack ?? String(e)}`);
  }
  const ms = performance.now() - t0;
  assertFindingsWellFormed(text, analysis.findings, what);
  const lengths = splitLines(text).lines.map(l => l.text.length);
  for (const e of analysis.entities) assertRangeInside(e.range, lengths, `${what} entity ${e.text}`);
  assert.equal(analysis.page.lines.length, lengths.length, `${what}: page model lost lines`);
  for (const a of analysis.page.articles) assert.ok(a.startLine >= 0 && a.endLine < lengths.length && a.startLine <= a.endLine, `${what}: article lines ${a.startLine}-${a.endLine}`);
  return { ms, analysis };
}

describe('robustness: fuzzing the analysis', function () {
  this.timeout(120_000);
  before(() => warmUp());

  it(`survives 400 random texts of every kind of character (seed ${FUZZ_SEED})`, () => {
    const r = rng(FUZZ_SEED);
    const kinds = ['cjk', 'mixed', 'garbage'] as const;
    let worst = 0;
    for (let i = 0; i < 400; i++) {
      const kind = kinds[i % 3];
      const text = randomText(r, r.int(0, i % 10 === 0 ? 6000 : 1500), kind);
      const { ms } = check(text, `seed ${FUZZ_SEED} case ${i} (${kind}, ${text.length} chars)`);
      worst = Math.max(worst, ms);
      assert.ok(ms < SMALL_INPUT_MS, `case ${i} took ${ms.toFixed(0)} ms`);
    }
    console.log(`      slowest random text: ${worst.toFixed(0)} ms`);
  });

  it('survives the seed pages damaged at random: lines deleted, duplicated, split, swapped; blank lines inserted', () => {
    const r = rng(FUZZ_SEED + 1);
    let worst = 0;
    for (let i = 0; i < 30; i++) {
      const name = seedNames[i % seedNames.length];
      const text = mutatePage(r, seedText(name), r.int(1, 40));
      const { ms } = check(text, `seed ${FUZZ_SEED + 1} case ${i} (${name} mutated)`);
      worst = Math.max(worst, ms);
      assert.ok(ms < SMALL_INPUT_MS * 2, `mutated ${name} took ${ms.toFixed(0)} ms`);
    }
    console.log(`      slowest mutated page: ${worst.toFixed(0)} ms`);
  });

  it('handles the edge shapes: empty text, lone surrogates at line ends, CR-only breaks, a BOM, astral CJK across a break', () => {
    const shapes = [
      '', '\n', '\r\n', '\r', '\ufeff', '\ufeff\n本报讯', '𠀀', '𠀀\n𠀀𠀁𠀂，', '中\ud800\n文', '\udc00本报讯\ud83d', '本报讯\r记者\r\r张三\r',
      '\u0000\u0000\n\u0000', 'e\u0301\u0301\u0301中\u0308文', '　　　', ' \t \n\t\n', '“', '”“”“', '，，，，。。', '\u2028\u2029\u0085',
      '本报记者 张三\n'.repeat(200), '的'.repeat(9_999), '1,2,3,4'.repeat(500), '[点此](command:workbench.action.quit) <b>粗</b> `码`',
    ];
    shapes.forEach((text, i) => check(text, `shape ${i} ${JSON.stringify(text.slice(0, 20))}`));
  });

  it('analyses 100,000 empty lines quickly', () => {
    const { ms, analysis } = check('\n'.repeat(100_000), '100k empty lines');
    console.log(`      100k empty lines: ${ms.toFixed(0)} ms`);
    assert.equal(analysis.page.lines.length, 100_001);
    assert.ok(ms < MEGABYTE_MS, `${ms.toFixed(0)} ms`);
  });

  it('analyses a 1 MB line with no break, of Chinese, of ASCII and of binary garbage, within the bound', () => {
    const prose = seedNames.map(seedText).join('').replace(/\s+/g, '');
    const inputs: [string, string][] = [
      ['Chinese prose', prose.repeat(Math.ceil(350_000 / prose.length)).slice(0, 350_000)], // ≈ 1 MB of UTF-8
      ['ASCII', 'the quick brown fox, jumps ; over '.repeat(31_000)],
      ['binary garbage', binaryGarbage(rng(FUZZ_SEED + 2), 1 << 20)],
    ];
    for (const [name, text] of inputs) {
      const { ms, analysis } = check(text, `1 MB ${name}`);
      console.log(`      1 MB ${name} (${text.length} UTF-16 units): ${ms.toFixed(0)} ms, ${analysis.findings.length} findings`);
      assert.ok(ms < MEGABYTE_MS, `1 MB ${name} took ${ms.toFixed(0)} ms`);
      assert.ok(analysis.notice, `1 MB ${name} must be analysed degraded, with a notice`);
    }
  });

  it('keeps a full analysis up to the degradation threshold and degrades beyond it', () => {
    const page = seedText(seedNames[1]); // 001: half-width commas throughout
    assert.equal(analyze(page, { entities: false }).notice, undefined, 'a real page is never degraded');
    const big = page.repeat(Math.ceil((MAX_FULL_CHARS + 1) / page.length));
    const degraded = analyze(big, { entities: true });
    assert.match(degraded.notice ?? '', /降级/);
    assert.deepEqual(degraded.entities, []);
    assert.match(analyze(big, { locale: 'en', entities: false }).notice ?? '', /only punctuation and spacing/);
    // The cheap rules still work on the degraded page: the seed's half-width commas are found.
    assert.ok(degraded.findings.some(f => f.rule === 'halfwidth-punct'), 'no halfwidth-punct finding on a degraded page');
  });
});
