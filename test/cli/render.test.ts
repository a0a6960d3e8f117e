// Reports rendered where the file was analysed (cli/pool.ts, worker.ts): a worker thread renders
// each file it analysed and sends the bytes, the main thread writes them after the separator
// only it can know. What a worker sends must be what the main thread renders for the same file,
// and the report assembled from both must be the report of a run without workers: same bytes,
// same errors in input order, same summary counts and exit code.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command, Format } from '../../server/src/cli/args';
import { runInProcess, runInWorkers, type RunSpec } from '../../server/src/cli/pool';
import type { FileReport } from '../../server/src/cli/results';
import { build, jiaodui, json, root, tmpDir } from './helpers';

const seedFiles = () => fs.readdirSync(path.join(root, 'seeds')).filter(f => f.endsWith('.txt')).sort().map(f => path.join(root, 'seeds', f));

/** A report as plain data: the bytes as text, so a difference shows in the assertion's diff. */
const plain = (r: FileReport) => (r.kind === 'error' ? r : { path: r.path, kind: r.kind, chars: r.chars, tally: r.tally, text: Buffer.from(r.bytes).toString('utf8') });

function spec(command: Command, format: Format, fileCount: number): RunSpec {
  return {
    template: { command, locale: 'zh', rules: {}, write: false },
    format: { options: { command, format, locale: 'zh', write: false }, fileCount, color: false, version: '0' },
  };
}

describe('cli reports rendered in worker threads', function () {
  this.timeout(120_000);
  before(build);

  describe('a worker renders a file exactly as the main thread does', () => {
    const workerFile = path.join(root, 'dist', 'worker.js');
    // Three pages and a missing one: with two threads the worker takes the first files (it holds
    // up to four at once), so every page below is rendered by the worker in one run and by this
    // thread in the other.
    const inputs = () => [...seedFiles().slice(0, 3), path.join(tmpDir(), 'missing.txt')].map(p => ({ path: p }));
    const cases: [Command, Format, number][] = [
      ['lint', 'text', 3], ['lint', 'json', 3], ['lint', 'sarif', 3],
      ['outline', 'text', 3], ['outline', 'json', 3],
      ['entities', 'text', 3], ['entities', 'json', 3],
      ['fix', 'text', 3], ['fix', 'text', 1], ['fix', 'json', 3],
    ];
    for (const [command, format, fileCount] of cases) {
      it(`${command} --format ${format}${command === 'fix' && format === 'text' ? `, ${fileCount} file(s)` : ''}: the same bytes and tally`, async () => {
        const files = inputs();
        const local: FileReport[] = [], remote: FileReport[] = [];
        await runInProcess(files, spec(command, format, fileCount), r => { local.push(r); });
        await runInWorkers(files, spec(command, format, fileCount), r => { remote.push(r); }, workerFile, 2);
        assert.deepEqual(remote.map(plain), local.map(plain));
        assert.equal(local.length, 4);
        assert.equal(local[3].kind, 'error');
        for (const r of local.slice(0, 3)) {
          assert.equal(r.kind, 'report');
          if (r.kind !== 'report') continue;
          // Only SARIF's and stylish's chunks may be empty, and not on raw OCR pages.
          assert.ok(r.bytes.length > 0, `${r.path}: empty chunk`);
          if (command === 'lint') assert.ok(r.tally.problems > 0, `${r.path}: no problems counted`);
          else assert.equal(r.tally.problems, 0);
          if (format === 'json') {
            const entry = JSON.parse(Buffer.from(r.bytes).toString('utf8'));
            assert.equal(entry.path, r.path);
            if (command === 'lint') assert.equal(entry.diagnostics.length, r.tally.problems);
          }
        }
      });
    }

    it('counts errors, warnings, infos and safe fixes in the tally as the JSON findings have them', async () => {
      const files = seedFiles().map(p => ({ path: p }));
      const reports: FileReport[] = [];
      await runInWorkers(files, spec('lint', 'json', files.length), r => { reports.push(r); }, workerFile, 2);
      for (const r of reports) {
        assert.equal(r.kind, 'report');
        if (r.kind !== 'report') continue;
        const { diagnostics } = JSON.parse(Buffer.from(r.bytes).toString('utf8'));
        const count = (f: (d: any) => boolean) => diagnostics.filter(f).length;
        assert.deepEqual(r.tally, {
          problems: diagnostics.length,
          errors: count(d => d.severity === 'error'),
          warnings: count(d => d.severity === 'warning'),
          infos: count(d => d.severity !== 'error' && d.severity !== 'warning'),
          fixable: count(d => d.fixes.some((f: any) => f.safe)),
        }, r.path);
      }
    });
  });

  describe('the command line prints the same report with worker threads as without', () => {
    /** The seed pages, a binary file among them and a missing path: errors go to stderr in input order. */
    function archive(): string[] {
      const dir = tmpDir();
      const seeds = seedFiles();
      seeds.forEach((s, i) => fs.copyFileSync(s, path.join(dir, `page${i}.txt`)));
      fs.writeFileSync(path.join(dir, 'page2b.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 0, 0, 0x62, 0x69, 0]));
      return [dir, path.join(dir, 'missing.txt'), path.join(dir, 'page0.txt')];
    }

    for (const [command, format] of [['lint', 'sarif'], ['outline', 'json'], ['entities', 'text'], ['fix', 'text'], ['fix', 'json']] as const) {
      it(`${command} --format ${format}: stdout, stderr and exit code`, () => {
        const args = archive();
        const one = jiaodui([command, '--format', format, '--jobs', '1', ...args]);
        const two = jiaodui([command, '--format', format, '--jobs', '2', ...args]);
        assert.equal(two.stdout, one.stdout);
        assert.equal(two.stderr, one.stderr);
        assert.equal(two.code, one.code);
        assert.equal(one.code, 2);
        const errors = one.stderr.trim().split('\n');
        assert.equal(errors.length, 2);
        assert.match(errors[0], /page2b\.txt/);
        assert.match(errors[1], /missing\.txt/);
        if (format === 'sarif') {
          const log = json(one);
          assert.deepEqual(log.runs[0].invocations[0].toolExecutionNotifications.map((n: any) => n.message.text), errors.map(e => e.replace(/^jiaodui: /, '')));
          assert.ok(log.runs[0].results.length > 0);
        } else if (format === 'json') {
          assert.equal(json(one).files.length, 6);
        } else {
          assert.equal(one.stdout.split('\n').filter(l => /^(==> .* <==|.*page\d\.txt)$/.test(l)).length, 6);
        }
      });
    }

    it('sums the findings of every page, whichever thread rendered it, in the summary line', () => {
      const text = jiaodui(['lint', '--jobs', '2', 'seeds']);
      const { files } = json(jiaodui(['lint', '--format', 'json', '--jobs', '2', 'seeds']));
      const all = files.flatMap((f: any) => f.diagnostics);
      const count = (f: (d: any) => boolean) => all.filter(f).length;
      const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
      const summary = text.stdout.trimEnd().split('\n').slice(-3);
      assert.deepEqual(summary, [
        `✖ ${plural(all.length, 'problem')} (${plural(count(d => d.severity === 'error'), 'error')}, ${plural(count(d => d.severity === 'warning'), 'warning')})`,
        `  ${count(d => d.severity === 'info' || d.severity === 'hint')} info`,
        `  ${plural(count(d => d.fixes.some((x: any) => x.safe)), 'problem')} potentially fixable with \`jiaodui fix\`.`,
      ]);
      assert.equal(text.code, 1);
    });

    it('exits 1 when a single page of a folder has problems, at its start or its end, and 0 when none has', () => {
      const clean = '本报讯 巩义市委书记袁聚平主持召开会议，安排部署相关工作。\n';
      const folder = (dirty: number | undefined) => {
        const dir = tmpDir();
        for (let i = 0; i < 6; i++) fs.writeFileSync(path.join(dir, `page${i}.txt`), i === dirty ? fs.readFileSync(seedFiles()[0]) : clean);
        return dir;
      };
      // With two threads the worker takes the first pages and this thread the last.
      assert.equal(jiaodui(['lint', '--format', 'json', '--jobs', '2', folder(0)]).code, 1);
      assert.equal(jiaodui(['lint', '--format', 'json', '--jobs', '2', folder(5)]).code, 1);
      assert.equal(jiaodui(['lint', '--format', 'json', '--jobs', '2', folder(undefined)]).code, 0);
    });
  });
});
