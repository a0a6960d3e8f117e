// A page longer than one piece is analysed piece by piece (engine/pieces.ts, pieced.ts): what it
// reports must be exactly what analysing each piece's text on its own reports, moved to the
// page's lines, and after an edit only the piece the edit falls in may be analysed again.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/engine/analyze';
import { analyzeDocument, type PiecedAnalysis } from '../../server/src/engine/pieced';
import { cutPage, PIECE_MAX, PIECE_MIN, type Piece } from '../../server/src/engine/pieces';
import { endsSentence } from '../../server/src/page/lines';
import { splitLines } from '../../server/src/core/text';
import type { Range } from '../../server/src/core/types';

const seedsDir = path.join(__dirname, '..', '..', 'seeds');
const seeds = fs.readdirSync(seedsDir).sort().map(f => fs.readFileSync(path.join(seedsDir, f), 'utf8'));

/** The seed pages one after another, in a different order each round, up to `chars` characters. */
function bigPage(chars: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < chars; i++) {
    const page = seeds[(i * 3 + Math.floor(i / seeds.length)) % seeds.length].replace(/\s+$/, '\n\n');
    parts.push(page);
    size += page.length;
  }
  return parts.join('');
}

/** Written out here rather than taken from pieces.ts: a position in a piece moved to the page. */
const moved = (r: Range, piece: Piece): Range => ({
  start: { line: r.start.line + piece.line, character: r.start.character },
  end: { line: r.end.line + piece.line, character: r.end.character },
});

/** What analysing every piece's text plainly reports, moved to the page's lines. */
function plainly(text: string) {
  const pieces = cutPage(text);
  const analyses = pieces.map(p => analyze(p.text));
  return {
    findings: analyses.flatMap((a, i) => a.findings.map(f => ({
      ...f, range: moved(f.range, pieces[i]),
      fixes: f.fixes.map(x => ({ ...x, edits: x.edits.map(e => ({ ...e, range: moved(e.range, pieces[i]) })) })),
    }))),
    entities: analyses.flatMap((a, i) => a.entities.map(e => ({ ...e, range: moved(e.range, pieces[i]) }))),
    articles: analyses.flatMap((a, i) => a.page.articles.map(x => ({
      kind: x.kind, headline: x.headline, startLine: x.startLine + pieces[i].line, endLine: x.endLine + pieces[i].line,
      body: x.body.map(b => b.startLine + pieces[i].line),
    }))),
  };
}

function report(a: PiecedAnalysis) {
  return {
    findings: a.findings,
    entities: a.entities,
    articles: a.page.articles.map(x => ({ kind: x.kind, headline: x.headline, startLine: x.startLine, endLine: x.endLine, body: x.body.map(b => b.startLine) })),
  };
}

/** Offset of the middle of the longest line in the middle of the text: typing inside a paragraph. */
function middleOfText(text: string): number {
  const { lines } = splitLines(text);
  let best = lines[lines.length >> 1];
  for (let i = lines.length >> 1; i < (lines.length >> 1) + 20; i++) if (lines[i].text.length > best.text.length) best = lines[i];
  return best.offset + (best.text.length >> 1);
}

describe('cutting a large page into pieces', () => {
  const text = bigPage(300_000);
  const pieces = cutPage(text);

  it('covers the page exactly with pieces of whole lines, each starting on the line it says', () => {
    assert.ok(pieces.length >= 8, `${pieces.length} pieces`);
    assert.equal(pieces.map(p => p.text).join(''), text);
    const { lines } = splitLines(text);
    for (const p of pieces) {
      assert.equal(p.character, 0);
      assert.equal(lines[p.line].offset, p.offset);
      assert.ok(text.startsWith(p.text, p.offset));
    }
  });

  it('cuts before a paragraph that follows a blank line after a finished sentence, between the minimum and maximum size', () => {
    for (const p of pieces.slice(0, -1)) {
      assert.ok(p.text.length >= PIECE_MIN && p.text.length <= PIECE_MAX, `piece of ${p.text.length} characters`);
      const lines = p.text.split('\n');
      assert.equal(lines.at(-1), '', 'a piece ends at a line break');
      assert.equal(lines.at(-2)!.trim(), '', 'after a blank line');
      const lastText = lines.filter(l => l.trim()).at(-1)!;
      assert.ok(endsSentence(lastText), `cut after “${lastText}”`);
    }
  });

  it('keeps a page of one piece whole', () => {
    const page = seeds[4];
    assert.ok(page.length <= PIECE_MAX);
    assert.deepEqual(cutPage(page), [{ text: page, line: 0, character: 0, offset: 0 }]);
  });

  it('moves no cut but the one near an edit: typing, a new line and a deleted paragraph change one piece or two', () => {
    const at = middleOfText(text);
    const edits = [
      text.slice(0, at) + '的' + text.slice(at),
      text.slice(0, at) + '\n' + text.slice(at),
      text.slice(0, at) + text.slice(text.indexOf('\n', at) + 1),
    ];
    const before = new Set(pieces.map(p => p.text));
    for (const edited of edits) {
      const after = cutPage(edited);
      const changed = after.filter(p => !before.has(p.text));
      assert.ok(changed.length >= 1 && changed.length <= 2, `${changed.length} pieces changed`);
      assert.ok(changed.some(p => p.offset <= at && at <= p.offset + p.text.length), 'the changed piece holds the edit');
    }
  });

  it('cuts a page without blank lines within the maximum size too', () => {
    const dense = text.replace(/\n\s*\n/g, '\n');
    const cut = cutPage(dense);
    assert.equal(cut.map(p => p.text).join(''), dense);
    for (const p of cut) assert.ok(p.text.length <= PIECE_MAX, `piece of ${p.text.length} characters`);
  });
});

describe('analysing a large page piece by piece', function () {
  this.timeout(120_000);
  const text = bigPage(150_000);
  let first: PiecedAnalysis;

  before(() => { first = analyzeDocument(text); });

  it('reports what each piece analysed plainly reports, moved to the page\'s lines', () => {
    assert.ok(first.pieces.length >= 4, `${first.pieces.length} pieces`);
    assert.deepEqual(report(first), plainly(text));
    assert.ok(first.findings.some(f => f.rule === 'line-wrap') && first.entities.length > 0, 'the full analysis, not the degraded one');
    assert.equal(first.notice, undefined);
  });

  /** The page model holds together: the text's own lines, blocks numbered in order and made of those lines. */
  function assertPageModel(a: PiecedAnalysis, text: string): void {
    const { lines, eol } = splitLines(text);
    assert.deepEqual(a.page.lines, lines);
    assert.equal(a.page.eol, eol);
    a.page.blocks.forEach((b, i) => {
      assert.equal(b.id, i);
      assert.ok(b.lines.every((l, k) => l === a.page.lines[b.startLine + k]), `block at line ${b.startLine + 1}: lines not the page's`);
      assert.equal(b.text, b.lines.map(l => l.text).join(''));
    });
    for (const r of a.page.runs) assert.equal(r.text, r.lines.map(l => l.text).join(''));
    for (const x of a.page.articles) assert.ok([...x.headlines, ...x.body].every(b => a.page.blocks[b.id] === b), 'an article refers to a block not on the page');
  }

  it('gives the page model of the whole text: its lines, and blocks on them', () => {
    assertPageModel(first, text);
    const crlf = text.replace(/\n/g, '\r\n');
    assertPageModel(analyzeDocument(crlf, { previous: first }), crlf);
  });

  it('re-analyses only the piece an edit falls in, and reports what a fresh analysis of the edited text reports', () => {
    const at = middleOfText(text);
    let previous = first;
    let current = text;
    for (const [what, edit] of [
      ['a character typed', (t: string) => t.slice(0, at) + '的' + t.slice(at)],
      ['the character deleted', (t: string) => t.slice(0, at) + t.slice(at + 1)],
      ['a line broken in two', (t: string) => t.slice(0, at) + '\n' + t.slice(at)],
    ] as const) {
      current = edit(current);
      const next = analyzeDocument(current, { previous });
      assert.equal(next.analysed.length, 1, `${what}: ${next.analysed.length} pieces analysed`);
      const edited = next.pieces[next.analysed[0]];
      assert.ok(edited.offset <= at && at <= edited.offset + edited.text.length, `${what}: the analysed piece holds the edit`);
      assert.deepEqual(report(next), report(analyzeDocument(current)), `${what}: differs from a fresh analysis`);
      assertPageModel(next, current);
      previous = next;
    }
  });

  it('keeps the finding objects of the pieces an edit does not move', () => {
    const at = middleOfText(text);
    const next = analyzeDocument(text.slice(0, at) + '的' + text.slice(at), { previous: first });
    const kept = new Set(first.findings);
    const edited = next.pieces[next.analysed[0]];
    for (const p of next.pieces) {
      if (p === edited) continue;
      assert.ok(p.findings.every(f => kept.has(f)), `piece at line ${p.line}: findings made again`);
    }
  });

  it('analyses a page of one piece exactly as analyze does', () => {
    const page = seeds[3];
    const a = analyzeDocument(page);
    assert.equal(a.pieces.length, 1);
    assert.deepEqual(a.findings, analyze(page).findings);
    assert.equal(a.page.articles.length, analyze(page).page.articles.length);
  });
});
