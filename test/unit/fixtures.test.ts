// Every rule is documented by annotated example pages: test/fixtures/<rule-id>/<case>.txt with a
// sidecar <case>.expected.json listing exactly the findings that rule must report on that page:
//   { "description": "…", "findings": [ { "line": 3, "col": 5, "fixedLine": "…" } ] }
// `line` is 1-based as in an editor, `col` a 0-based UTF-16 column of the finding's start;
// `fixedLine` (optional) is line `line` after applying only that finding's first fix.
// An empty `findings` list documents text the rule must leave alone.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/engine/analyze';
import { applyEdits, splitLines } from '../../server/src/core/text';

interface Expected { description?: string; findings: { line: number; col?: number; fixedLine?: string }[] }

const root = path.join(__dirname, '..', 'fixtures');

describe('rule fixtures', () => {
  for (const rule of fs.existsSync(root) ? fs.readdirSync(root).sort() : []) {
    const dir = path.join(root, rule);
    if (!fs.statSync(dir).isDirectory()) continue;
    describe(rule, () => {
      for (const file of fs.readdirSync(dir).filter(f => f.endsWith('.txt')).sort()) {
        const expectedPath = path.join(dir, file.replace(/\.txt$/, '.expected.json'));
        if (!fs.existsSync(expectedPath)) continue;
        const expected = JSON.parse(fs.readFileSync(expectedPath, 'utf8')) as Expected;
        it(`${file}: ${expected.description ?? ''}`, () => {
          const text = fs.readFileSync(path.join(dir, file), 'utf8');
          const found = analyze(text, { entities: false }).findings.filter(f => f.rule === rule);
          const got = found.map(f => `${f.range.start.line + 1}:${f.range.start.character}`).sort();
          const want = expected.findings.map(e => `${e.line}:${e.col ?? got.find(g => g.startsWith(`${e.line}:`))?.split(':')[1] ?? 0}`).sort();
          assert.deepEqual(got, want, `findings of ${rule} on ${file}`);
          const lines = splitLines(text).lines;
          for (const e of expected.findings) {
            if (e.fixedLine === undefined) continue;
            const f = found.find(x => x.range.start.line + 1 === e.line && (e.col === undefined || x.range.start.character === e.col));
            assert.ok(f && f.fixes.length, `a fix for ${rule} at ${e.line}:${e.col}`);
            const fixed = splitLines(applyEdits(text, f.fixes[0].edits, lines)).lines;
            assert.equal(fixed[e.line - 1].text, e.fixedLine);
          }
        });
      }
    });
  }
});
