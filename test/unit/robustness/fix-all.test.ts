// Fixes lose nothing. Over the seed pages and pages generated from them, applying every safe fix
// (`jiaodui fix`, and the language server's `source.fixAll`) changes only whitespace, line breaks
// and punctuation forms, plus the character replacements each applied fix names in its title;
// fix-all is idempotent and leaves no safe fix behind; CRLF stays CRLF, a BOM stays.
import * as assert from 'node:assert/strict';
import { analyze } from '../../../server/src/engine/analyze';
import { warmUp } from '../../../server/src/language/dictionary';
import { applyEdits, splitLines } from '../../../server/src/core/text';
import type { Finding } from '../../../server/src/core/types';
import { fixDocument, fixPage } from '../../../server/src/engine/fix';
import { assertDisjoint, FUZZ_SEED, mutatePage, rng, seedNames, seedText, type Rng } from './gen';

/** What a reader reads: Han characters (BMP and astral), digits and Latin letters, in order. */
const CONTENT = /[\p{Script=Han}\p{Nd}\p{Script=Latin}]/gu;
const content = (s: string) => (s.match(CONTENT) ?? []).join('');

const findingsOf = (text: string): Finding[] => analyze(text, { entities: false }).findings;

interface Trace { text: string; changes: { rule: string; title: string; message: string; removed: string; inserted: string }[] }

/** Fix-all as `jiaodui fix` runs it, recording what every applied edit took out and put in. */
function tracedFixAll(text: string): Trace {
  const changes: Trace['changes'] = [];
  const fixed = fixDocument(text, {}, { onEdit: e => changes.push(e) });
  return { text: fixed.text, changes };
}

function checkFixAll(original: string, what: string): { fixed: string; changes: number } {
  const fixed = fixDocument(original);
  assert.ok(fixed.stable, `${what}: fix-all did not settle`);
  const trace = tracedFixAll(original);
  
  // Only whitespace, breaks and punctuation change, unless the fix names the characters it swaps.
  for (const c of trace.changes) {
    const out = content(c.removed), put = content(c.inserted);
    if (out === put) continue;
    for (const ch of put) assert.ok(c.title.includes(ch), `${what}: ${c.rule} fix "${c.title}" inserts "${ch}" without naming it`);
    for (const ch of out) assert.ok(c.title.includes(ch) || c.message.includes(ch), `${what}: ${c.rule} fix "${c.title}" removes "${ch}" without naming it`);
  }

  // Idempotent: nothing left for a second run, so no finding with a safe fix remains.
  assert.equal(fixDocument(fixed.text).text, fixed.text, `${what}: a second fix-all changed the page`);
  const left = findingsOf(fixed.text).filter(f => f.fixes.some(x => x.safe && x.edits.length));
  assert.deepEqual(left.map(f => `${f.rule}@${f.range.start.line + 1}:${f.range.start.character}`), [], `${what}: safe fixes left after fix-all`);

  // Line ends keep their form; a BOM stays at the start.
  if (original.includes('\r\n')) assert.doesNotMatch(fixed.text.replace(/\r\n/g, ''), /\n/, `${what}: a bare LF in a CRLF page`);
  else assert.doesNotMatch(fixed.text, /\r/, `${what}: a CR in an LF page`);
  if (original.startsWith('\ufeff')) assert.ok(fixed.text.startsWith('\ufeff'), `${what}: BOM lost`);
  return { fixed: fixed.text, changes: trace.changes.length };
}

const TRADITIONAL: Record<string, string> = { 国: '國', 发: '發', 会: '會', 说: '說', 时: '時' };

/**
 * A page as OCR delivers it, built from a seed's paragraphs: lines re-wrapped at a random width,
 * stray half-width punctuation and spaces between Chinese characters, blank lines inside
 * paragraphs, and random damage (gen.ts mutatePage).
 */
function generatedPage(r: Rng): string {
  const paragraphs = seedText(r.pick(seedNames)).split(/\n\s*\n/).map(p => p.replace(/\s*\n\s*/g, '')).filter(p => p.length > 20);
  const start = r.int(0, Math.max(0, paragraphs.length - 6));
  const out: string[] = [];
  for (const p of paragraphs.slice(start, start + r.int(3, 6))) {
    let text = p.replace(/，/g, () => (r.chance(0.3) ? ',' : '，')).replace(/：/g, () => (r.chance(0.3) ? ':' : '：'));
    text = text.replace(/(?<=[\u4e00-\u9fff])(?=[\u4e00-\u9fff])/g, () => (r.chance(0.01) ? ' ' : ''));
    // A stray traditional character now and then (OCR trained on mixed corpora): a named replacement.
    text = text.replace(/[国发会说时]/g, c => (r.chance(0.1) ? TRADITIONAL[c] : c));
    const width = r.int(12, 24);
    const lines: string[] = [];
    for (let i = 0; i < text.length; i += width) lines.push(text.slice(i, i + width));
    if (lines.length > 2 && r.chance(0.3)) lines.splice(r.int(1, lines.length - 1), 0, '');
    out.push(lines.join('\n'));
  }
  return mutatePage(r, out.join('\n\n'), r.int(0, 4)) + '\n';
}

describe('robustness: fix-all loses nothing', function () {
  this.timeout(120_000);
  before(() => warmUp());

  for (const name of seedNames) {
    it(`seed ${name}: only layout and punctuation change, named replacements aside; idempotent; nothing safe left`, () => {
      const { changes } = checkFixAll(seedText(name), name);
      assert.ok(changes > 0, `fix-all changed nothing on the raw page ${name}`);
    });
  }

  it(`holds on 12 generated OCR pages (seed ${FUZZ_SEED})`, () => {
    const r = rng(FUZZ_SEED + 10);
    let changes = 0, named = 0;
    for (let i = 0; i < 12; i++) {
      const page = generatedPage(r);
      changes += checkFixAll(page, `generated page ${i} (seed ${FUZZ_SEED + 10})`).changes;
      named += tracedFixAll(page).changes.filter(c => content(c.removed) !== content(c.inserted)).length;
    }
    console.log(`      ${changes} edits applied, ${named} of them named character replacements`);
    // The generator wraps every paragraph and scatters half-width commas: there is always work.
    assert.ok(changes >= 12, `only ${changes} edits over 12 generated pages`);
  });

  it('keeps CRLF line ends and the BOM of a seed page', () => {
    const crlf = '\ufeff' + seedText(seedNames[0]).replace(/\r?\n/g, '\r\n');
    const { fixed } = checkFixAll(crlf, 'CRLF + BOM seed 000');
    // The joins of wrapped lines are the bulk of this page's fixes: the page got shorter, still CRLF.
    assert.ok(fixed.split('\r\n').length < crlf.split('\r\n').length);
    const lf = checkFixAll(seedText(seedNames[0]), 'LF seed 000').fixed;
    assert.equal(fixed, '\ufeff' + lf.replace(/\n/g, '\r\n'), 'CRLF page fixed differently from its LF twin');
  });

  it('source.fixAll in the server gives the same text as jiaodui fix, CRLF and BOM kept', () => {
    for (const [what, text] of [
      ['seed 001', seedText(seedNames[1])],
      ['CRLF + BOM seed 000', '\ufeff' + seedText(seedNames[0]).replace(/\r?\n/g, '\r\n')],
    ] as const) {
      const server = fixPage(text, findingsOf);
      const lines = splitLines(text).lines;
      assertDisjoint(server.edits, `${what}: source.fixAll edits`);
      assert.equal(applyEdits(text, server.edits, lines), server.text, `${what}: source.fixAll edits do not produce its text`);
      assert.equal(server.text, fixDocument(text).text, `${what}: source.fixAll and jiaodui fix disagree`);
    }
  });
});
