// Re-analysis with `previous` (AnalysisOptions.previous) reuses the tags and per-run rule results
// of the runs whose text did not change. Whatever it reuses, the result must be the one a fresh
// analysis of the edited text gives: these tests edit a real seed page the way an editor does and
// compare the two, finding by finding and entity by entity.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, type Analysis } from '../../server/src/engine/analyze';

const seed = fs.readFileSync(path.join(__dirname, '..', '..', 'seeds', '003_7fc49da2a4fe33c9.txt'), 'utf8');

/** Everything an analysis reports, as plain data: findings, entities and the outline. */
function report(a: Analysis): unknown {
  return {
    findings: a.findings,
    entities: a.entities,
    articles: a.page.articles.map(x => ({ kind: x.kind, headline: x.headline, startLine: x.startLine, endLine: x.endLine, displaced: x.headlineDisplaced })),
    runs: a.page.runs.map(r => r.text),
  };
}

const lines = (text: string) => text.split('\n');
/** Index of the longest line in the middle third of the page: body text, inside a paragraph. */
function middleBodyLine(text: string): number {
  const ls = lines(text);
  let best = Math.floor(ls.length / 2);
  for (let i = Math.floor(ls.length / 3); i < (2 * ls.length) / 3; i++) if (ls[i].length > ls[best].length) best = i;
  return best;
}

describe('incremental re-analysis (previous)', () => {
  it('gives what a fresh analysis gives after a character typed mid-paragraph, a line deleted and a blank line added', () => {
    let text = seed;
    let previous = analyze(text);
    // Force the lazy entities of every analysis, as the server does for its status counts.
    assert.ok(previous.entities.length > 0);
    const edits: [string, (t: string) => string][] = [
      ['insert a character mid-paragraph', t => {
        const ls = lines(t);
        const i = middleBodyLine(t);
        const mid = ls[i].length >> 1;
        ls[i] = ls[i].slice(0, mid) + '的' + ls[i].slice(mid);
        return ls.join('\n');
      }],
      ['delete a line', t => {
        const ls = lines(t);
        ls.splice(middleBodyLine(t) + 1, 1);
        return ls.join('\n');
      }],
      ['add a blank line inside a paragraph', t => {
        const ls = lines(t);
        ls.splice(middleBodyLine(t) + 1, 0, '');
        return ls.join('\n');
      }],
      ['type the character away again', t => t.replace('的', '')],
    ];
    for (const [what, edit] of edits) {
      const next = edit(text);
      assert.notEqual(next, text, `${what}: the edit changes the text`);
      const incremental = analyze(next, { previous });
      const fresh = analyze(next);
      assert.deepEqual(report(incremental), report(fresh), `${what}: re-analysis with previous differs from a fresh analysis`);
      text = next;
      previous = incremental;
    }
  });

  it('reuses the tags of unchanged paragraphs and re-tags only the edited one', () => {
    const first = analyze(seed);
    const ls = lines(seed);
    const i = middleBodyLine(seed);
    ls[i] = ls[i] + '的';
    const second = analyze(ls.join('\n'), { previous: first });
    let reused = 0, fresh = 0;
    for (const [text, tags] of second.tags) {
      if (first.tags.get(text) === tags) reused++;
      else fresh++;
    }
    assert.ok(reused > 20, `tags reused for unchanged runs (${reused})`);
    assert.ok(fresh >= 1 && fresh <= 2, `only the edited run re-tagged (${fresh})`);
  });
});
