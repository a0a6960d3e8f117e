// Text unfit for a full analysis (engine/degraded.ts: a line far longer than any OCR line) is
// checked by the cheap rules only;
// the command line says so for that file — a note line in text, a `notice` field in JSON — so its
// few findings are not read as "this page is clean".
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MAX_FULL_LINE } from '../../server/src/engine/degraded';
import { build, jiaodui, json, seed, seedText, tmpDir } from './helpers';

describe('jiaodui command line on a page unfit for a full analysis', function () {
  this.timeout(120_000);
  let dir: string;
  let big: string;

  before(() => {
    build();
    dir = tmpDir();
    // A seed page plus one line longer than any OCR line (a paragraph pasted without breaks),
    // with a half-width comma to report. (Files larger than the full-analysis size are streamed
    // by the CLI in pieces that each get the full analysis: see cli/stream.ts.)
    const line = '本报讯 记者,今天'.padEnd(MAX_FULL_LINE + 100, '党建引领乡村振兴');
    big = path.join(dir, 'big.txt');
    fs.writeFileSync(big, `${seedText()}\n${line}\n`);
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('adds the notice to the file object in JSON, leaving the other fields as they are', () => {
    const file = json(jiaodui(['lint', '--format', 'json', big])).files[0];
    assert.deepEqual(Object.keys(file), ['path', 'diagnostics', 'notice']);
    assert.match(file.notice, /降级/);
    assert.match(file.notice, /约 \d+k 字符/);
    // Only the cheap rules ran.
    assert.ok(file.diagnostics.length > 0);
    assert.ok(file.diagnostics.every((d: { rule: string }) => ['cjk-space', 'halfwidth-punct', 'unbalanced-quote'].includes(d.rule)));
    assert.match(json(jiaodui(['lint', '--format', 'json', '--locale', 'en', big])).files[0].notice, /^Text too large/);
  });

  it('prints the notice as a note line right under the file header in text', () => {
    const lines = jiaodui(['lint', big]).stdout.split('\n');
    const header = lines.indexOf(big);
    assert.ok(header >= 0, 'file header');
    assert.match(lines[header + 1], /^ {2}note {2}文本过大/);
    assert.equal(lines.filter(l => l.includes('note')).length, 1);
  });

  it('says nothing of the kind for a page of ordinary size', () => {
    assert.equal(json(jiaodui(['lint', '--format', 'json', seed])).files[0].notice, undefined);
    assert.ok(!jiaodui(['lint', seed]).stdout.includes('note'));
  });

  it('notes the degraded outline and entities too', () => {
    assert.match(json(jiaodui(['outline', '--format', 'json', big])).files[0].notice, /降级/);
    assert.match(json(jiaodui(['entities', '--format', 'json', big])).files[0].notice, /降级/);
    assert.match(jiaodui(['entities', big]).stdout.split('\n')[2], /^ {2}note {2}/);
  });
});
