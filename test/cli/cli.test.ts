// The `jiaodui` command line end to end: the built dist/cli.js run as a child process on the real
// seed pages, in every encoding an archive may hold.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as iconv from 'iconv-lite';
import { rules } from '../../server/src/rules';
import { fixDocument } from '../../server/src/engine/fix';
import { build, inside, isRange, jiaodui, json, root, seed, seedText, tmpDir } from './helpers';

const ruleIds = new Set(rules.map(r => r.meta.id));
const SEVERITIES = new Set(['error', 'warning', 'info', 'hint']);

describe('jiaodui command line', function () {
  this.timeout(120_000);
  before(() => build());

  describe('usage and exit codes', () => {
    it('prints help and exits 0', () => {
      const r = jiaodui(['--help', '--locale', 'en']);
      assert.equal(r.code, 0);
      assert.match(r.stdout, /jiaodui lint/);
      assert.match(r.stdout, /--format text\|json\|sarif/);
    });

    it('prints the package version', () => {
      const r = jiaodui(['--version']);
      assert.equal(r.code, 0);
      assert.equal(r.stdout.trim(), JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version);
    });

    for (const args of [['frobnicate', seed], ['lint'], ['lint', '--bogus', seed], ['lint', '--rule', 'no-such-rule=off', seed], ['lint', '--rule', 'cjk-space=loud', seed], ['outline', '--format', 'sarif', seed], ['lint', '--write', seed], ['lint', '--jobs', '0', seed], ['articles', '--format', 'text', seed], ['lint', '--format', 'md', seed]]) {
      it(`exits 2 on a usage error: ${args.join(' ')}`, () => {
        const r = jiaodui(args);
        assert.equal(r.code, 2);
        assert.equal(r.stdout, '');
        assert.match(r.stderr, /^jiaodui: /);
      });
    }

    it('exits 2 and names the path when a file does not exist, still reporting the others', () => {
      const r = jiaodui(['outline', '--format', 'json', 'no/such/page.txt', seed]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /no\/such\/page\.txt/);
      assert.deepEqual(json(r).files.map((f: any) => f.path), [seed]);
    });

    it('exits 1 when lint finds problems on a raw OCR page', () => {
      const r = jiaodui(['lint', seed]);
      assert.equal(r.code, 1, r.stderr);
    });

    it('exits 0 when every rule is switched off', () => {
      const off = rules.map(x => `${x.meta.id}=off`).join(',');
      const r = jiaodui(['lint', '--format', 'json', '--rule', off, seed]);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(json(r).files[0].diagnostics, []);
    });

    it('applies --rule severities to the findings it reports', () => {
      const plain = json(jiaodui(['lint', '--format', 'json', seed])).files[0].diagnostics;
      const rule = plain[0]?.rule;
      assert.ok(rule, 'the seed page has findings');
      const r = json(jiaodui(['lint', '--format', 'json', '--rule', `${rule}=error`, seed])).files[0].diagnostics;
      assert.ok(r.filter((d: any) => d.rule === rule).every((d: any) => d.severity === 'error'));
      const off = json(jiaodui(['lint', '--format', 'json', '--rule', `${rule}=off`, seed])).files[0].diagnostics;
      assert.equal(off.filter((d: any) => d.rule === rule).length, 0);
      assert.equal(off.length, plain.filter((d: any) => d.rule !== rule).length);
    });
  });

  describe('JSON output', () => {
    it('lint: files → diagnostics with rule, severity, range, message and fixes of edits', () => {
      const r = jiaodui(['lint', '--format', 'json', seed]);
      const out = json(r);
      assert.deepEqual(Object.keys(out), ['files']);
      assert.equal(out.files.length, 1);
      const file = out.files[0];
      assert.equal(file.path, seed);
      assert.ok(file.diagnostics.length > 0);
      const text = seedText();
      for (const d of file.diagnostics) {
        assert.deepEqual(Object.keys(d).sort(), ['fixes', 'message', 'range', 'rule', 'severity']);
        assert.ok(ruleIds.has(d.rule), d.rule);
        assert.ok(SEVERITIES.has(d.severity), d.severity);
        assert.ok(isRange(d.range) && inside(text, d.range), JSON.stringify(d));
        assert.equal(typeof d.message, 'string');
        assert.ok(/[\u4e00-\u9fff]/.test(d.message), `zh message by default: ${d.message}`);
        for (const f of d.fixes) {
          assert.deepEqual(Object.keys(f).sort(), ['edits', 'safe', 'title']);
          assert.equal(typeof f.safe, 'boolean');
          for (const e of f.edits) assert.ok(isRange(e.range) && inside(text, e.range) && typeof e.newText === 'string');
        }
      }
    });

    it('lint --locale en gives English messages', () => {
      const d = json(jiaodui(['lint', '--format', 'json', '--locale', 'en', seed])).files[0].diagnostics;
      assert.ok(d.length > 0);
      assert.ok(d.every((x: any) => /[A-Za-z]/.test(x.message)));
    });

    it('articles: each article in reading order, as Markdown by default and as JSON', () => {
      const md = jiaodui(['articles', seed]);
      assert.equal(md.code, 0);
      assert.match(md.stdout, /^# 北山口镇开启“导师帮带制” 乡村振兴正当时$/m);
      // The headline printed after the bodies heads its article, and the blank-line split 场/所码 is joined.
      assert.match(md.stdout, /^# 巩义市收听收看河南省“场所码”全覆盖推广视频会$/m);
      assert.ok(!/场\n/.test(md.stdout));
      const out = json(jiaodui(['articles', '--format', 'json', seed]));
      const a = out.files[0].articles.find((x: { headline: { title: string } | null }) => x.headline?.title === '巩义市：消除防汛隐患 确保安全度汛');
      assert.ok(a);
      assert.equal(a.headlineDisplaced, true);
      assert.deepEqual(a.bylines, ['记者 李晓霞 通讯员 韩晓红 王柳']);
    });

    it('outline: articles with headline, headlineRange, whole-line range, kind, bylines and sections', () => {
      const out = json(jiaodui(['outline', '--format', 'json', seed]));
      const articles = out.files[0].articles;
      assert.ok(articles.length >= 3);
      const text = seedText();
      for (const a of articles) {
        assert.deepEqual(Object.keys(a).sort(), ['bylines', 'headline', 'headlineRange', 'kind', 'range', 'sections']);
        assert.equal(typeof a.headline, 'string');
        assert.ok(a.headlineRange === null || (isRange(a.headlineRange) && inside(text, a.headlineRange)));
        assert.ok(isRange(a.range) && inside(text, a.range));
        assert.equal(a.range.start.character, 0);
        assert.equal(a.range.end.character, text.split('\n')[a.range.end.line].length);
        assert.ok(['article', 'photo', 'brief', 'header'].includes(a.kind));
        for (const b of a.bylines) assert.ok(typeof b.text === 'string' && b.text.length > 0 && isRange(b.range));
        for (const s of a.sections) assert.ok(typeof s.title === 'string' && isRange(s.range));
      }
      // This page prints the headline of its flood-control article after the bodies (line 93).
      const flood = articles.find((a: any) => a.headline.replace(/\s/g, '') === '巩义市：消除防汛隐患确保安全度汛');
      assert.ok(flood, articles.map((a: any) => a.headline).join(' | '));
      assert.equal(flood.headlineRange.start.line, 92);
      assert.ok(flood.range.start.line <= 23 && flood.range.end.line >= 23, 'the article starts with the 本报讯 paragraph on line 24');
    });

    it('entities: text, type, role and a range that spans exactly the text', () => {
      const out = json(jiaodui(['entities', '--format', 'json', seed]));
      const entities = out.files[0].entities;
      const lines = seedText().split('\n');
      for (const e of entities) {
        assert.deepEqual(Object.keys(e).sort(), ['range', 'role', 'text', 'type']);
        assert.ok(['person', 'place', 'org'].includes(e.type));
        assert.ok(e.role === null || typeof e.role === 'string');
        // A name wrapped across an OCR line break spans two lines; its text leaves the break out.
        const covered = e.range.start.line === e.range.end.line
          ? lines[e.range.start.line].slice(e.range.start.character, e.range.end.character)
          : lines[e.range.start.line].slice(e.range.start.character).replace(/\r$/, '') + lines.slice(e.range.start.line + 1, e.range.end.line).join('') + lines[e.range.end.line].slice(0, e.range.end.character);
        assert.equal(covered, e.text);
      }
      // Line 26: 巩义市委书记袁聚平立即主持召开会议
      const yuan = entities.find((e: any) => e.text === '袁聚平' && e.range.start.line === 25);
      assert.ok(yuan, 'finds the person 袁聚平');
      assert.equal(yuan.type, 'person');
      assert.equal(yuan.role, '巩义市委书记');
      const order = entities.map((e: any) => e.range.start.line * 1e6 + e.range.start.character);
      assert.deepEqual(order, [...order].sort((a, b) => a - b), 'in page order');
    });
  });

  describe('text and SARIF output', () => {
    it('lint prints ESLint-style rows under a file header and a summary line', () => {
      const r = jiaodui(['lint', seed]);
      const lines = r.stdout.split('\n');
      assert.ok(lines.includes(seed), 'file header');
      const rows = lines.filter(l => /^\s+\d+:\d+\s{2}(error|warning|info|hint)\s/.test(l));
      assert.ok(rows.length > 0);
      for (const row of rows) assert.ok(ruleIds.has(row.trim().split(/\s+/).pop() as any), row);
      const diagnostics = json(jiaodui(['lint', '--format', 'json', seed])).files[0].diagnostics;
      assert.equal(rows.length, diagnostics.length);
      const errors = diagnostics.filter((d: any) => d.severity === 'error').length;
      const warnings = diagnostics.filter((d: any) => d.severity === 'warning').length;
      const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
      assert.ok(r.stdout.includes(`✖ ${plural(diagnostics.length, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`), r.stdout.slice(-300));
      // Rows are 1-based line:column, as editors and ESLint show them.
      const first = diagnostics[0];
      assert.match(rows[0], new RegExp(`^\\s+${first.range.start.line + 1}:${first.range.start.character + 1}\\s`));
    });

    it('sarif: a 2.1.0 log whose results point at the rules and regions of the JSON findings', () => {
      const out = json(jiaodui(['lint', '--format', 'sarif', seed]));
      assert.equal(out.version, '2.1.0');
      assert.match(out.$schema, /sarif-2\.1\.0/);
      assert.equal(out.runs.length, 1);
      const run = out.runs[0];
      assert.equal(run.tool.driver.name, 'jiaodui');
      assert.deepEqual(run.tool.driver.rules.map((r: any) => r.id), rules.map(r => r.meta.id));
      assert.equal(run.columnKind, 'utf16CodeUnits');
      const diagnostics = json(jiaodui(['lint', '--format', 'json', seed])).files[0].diagnostics;
      assert.equal(run.results.length, diagnostics.length);
      run.results.forEach((res: any, i: number) => {
        const d = diagnostics[i];
        assert.equal(res.ruleId, d.rule);
        assert.equal(run.tool.driver.rules[res.ruleIndex].id, res.ruleId);
        assert.ok(['error', 'warning', 'note'].includes(res.level));
        assert.equal(res.message.text, d.message);
        const loc = res.locations[0].physicalLocation;
        assert.equal(loc.artifactLocation.uri, seed);
        assert.deepEqual(loc.region, { startLine: d.range.start.line + 1, startColumn: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1 });
      });
      assert.equal(run.invocations[0].executionSuccessful, true);
    });
  });

  describe('encodings', () => {
    const utf8 = () => json(jiaodui(['lint', '--format', 'json', seed])).files[0].diagnostics;
    const outline = (p: string) => json(jiaodui(['outline', '--format', 'json', p])).files[0].articles;
    const variants: [string, (s: string) => Buffer][] = [
      ['GB18030', s => iconv.encode(s, 'gb18030')],
      ['UTF-8 with BOM', s => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s)])],
      ['UTF-16 LE with BOM', s => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')])],
      ['UTF-16 BE with BOM', s => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(s, 'utf16le').swap16()])],
    ];
    for (const [name, encode] of variants) {
      it(`decodes ${name}: the same findings and outline as the UTF-8 page`, () => {
        const dir = tmpDir();
        const p = path.join(dir, 'page.txt');
        fs.writeFileSync(p, encode(seedText()));
        const d = json(jiaodui(['lint', '--format', 'json', p])).files[0].diagnostics;
        assert.ok(d.length > 0);
        assert.deepEqual(d, utf8());
        assert.deepEqual(outline(p), outline(seed));
      });
    }

    it('keeps CRLF line ends out of the ranges: the same findings as the LF page', () => {
      const dir = tmpDir();
      const p = path.join(dir, 'crlf.txt');
      fs.writeFileSync(p, seedText().replace(/\n/g, '\r\n'));
      assert.deepEqual(json(jiaodui(['lint', '--format', 'json', p])).files[0].diagnostics.map((d: any) => [d.rule, d.range]),
        utf8().map((d: any) => [d.rule, d.range]));
    });

    for (const [name, bytes] of [
      ['a binary file (NUL bytes)', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52])],
      ['a Latin-1 file (neither UTF-8 nor Chinese GB18030)', Buffer.from('Caf\xe9 cr\xe8me br\xfbl\xe9e, na\xefve r\xe9sum\xe9.\n', 'latin1')],
    ] as const) {
      it(`refuses ${name}: clear error, exit 2, nothing written`, () => {
        const dir = tmpDir();
        const p = path.join(dir, 'page.txt');
        fs.writeFileSync(p, bytes);
        const before = fs.statSync(p);
        const r = jiaodui(['fix', '--write', p]);
        assert.equal(r.code, 2);
        assert.match(r.stderr, /page\.txt/);
        assert.match(r.stderr, /二进制|编码/);
        assert.deepEqual(fs.readFileSync(p), bytes);
        assert.equal(fs.statSync(p).mtimeMs, before.mtimeMs);
        assert.equal(jiaodui(['lint', p]).code, 2);
      });
    }
  });

  describe('fix', () => {
    it('prints the page with every safe fix applied, exactly as fixDocument computes it', () => {
      const r = jiaodui(['fix', seed]);
      assert.equal(r.code, 0, r.stderr);
      const expected = fixDocument(seedText()).text;
      assert.equal(r.stdout, expected);
      assert.notEqual(expected, seedText(), 'the raw page has safe fixes');
    });

    it('is idempotent: fixing the fixed page changes nothing', () => {
      const dir = tmpDir();
      const p = path.join(dir, 'page.txt');
      fs.writeFileSync(p, jiaodui(['fix', seed]).stdout);
      assert.equal(jiaodui(['fix', p]).stdout, fs.readFileSync(p, 'utf8'));
    });

    it('--write keeps CRLF line ends and the BOM', () => {
      const dir = tmpDir();
      const p = path.join(dir, 'page.txt');
      const crlf = seedText().replace(/\n/g, '\r\n');
      fs.writeFileSync(p, '\ufeff' + crlf);
      const r = jiaodui(['fix', '--write', p]);
      assert.equal(r.code, 0, r.stderr);
      const bytes = fs.readFileSync(p);
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      const written = bytes.subarray(3).toString('utf8');
      assert.notEqual(written, crlf, 'something was fixed');
      assert.ok(!/(^|[^\r])\n/.test(written), 'no bare LF');
      assert.equal(written.replace(/\r\n/g, '\n'), fixDocument(seedText()).text);
    });

    it('--write keeps a GB18030 page in GB18030', () => {
      const dir = tmpDir();
      const p = path.join(dir, 'page.txt');
      fs.writeFileSync(p, iconv.encode(seedText(), 'gb18030'));
      assert.equal(jiaodui(['fix', '--write', p]).code, 0);
      const bytes = fs.readFileSync(p);
      assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes), 'still not UTF-8');
      assert.equal(new TextDecoder('gb18030', { fatal: true }).decode(bytes), fixDocument(seedText()).text);
    });

    it('--write leaves an already clean page untouched (same mtime)', () => {
      const dir = tmpDir();
      const p = path.join(dir, 'page.txt');
      fs.writeFileSync(p, fixDocument(seedText()).text);
      const t = new Date(2001, 0, 1);
      fs.utimesSync(p, t, t);
      assert.equal(jiaodui(['fix', '--write', p]).code, 0);
      assert.equal(fs.statSync(p).mtimeMs, t.getTime());
    });
  });

  describe('folders and worker threads', () => {
    function archive(copies: number): string {
      const dir = tmpDir();
      const seeds = fs.readdirSync(path.join(root, 'seeds')).filter(f => f.endsWith('.txt')).sort();
      for (let i = 0; i < copies; i++) {
        const sub = path.join(dir, `vol${i % 3}`, `issue${i}`);
        fs.mkdirSync(sub, { recursive: true });
        fs.copyFileSync(path.join(root, 'seeds', seeds[i % seeds.length]), path.join(sub, `page${i}.txt`));
      }
      fs.writeFileSync(path.join(dir, 'vol0', 'notes.md'), '# not a page');
      fs.mkdirSync(path.join(dir, '.cache'));
      fs.copyFileSync(path.join(root, seed), path.join(dir, '.cache', 'hidden.txt'));
      return dir;
    }

    it('walks folders recursively for *.txt, in name order, paths as given', () => {
      const dir = archive(5);
      const out = json(jiaodui(['outline', '--format', 'json', path.basename(dir)], { cwd: path.dirname(dir) }));
      const b = path.basename(dir);
      assert.deepEqual(out.files.map((f: any) => f.path), [0, 3, 1, 4, 2].map(i => path.join(b, `vol${i % 3}`, `issue${i}`, `page${i}.txt`)));
      for (const f of out.files) assert.ok(f.articles.length > 0);
    });

    it('gives the same output in the same order with 2 worker threads as with 1 thread', () => {
      const dir = archive(6);
      for (const cmd of ['lint']) {
        const one = jiaodui([cmd, '--format', 'json', '--jobs', '1', dir]);
        const two = jiaodui([cmd, '--format', 'json', '--jobs', '2', dir]);
        assert.equal(two.code, one.code);
        assert.equal(two.stdout, one.stdout);
        assert.equal(json(one).files.length, 6);
      }
      const stylish1 = jiaodui(['lint', '--jobs', '1', dir]).stdout;
      assert.equal(jiaodui(['lint', '--jobs', '2', dir]).stdout, stylish1);
    });

    it('fix --write with worker threads writes every page of a folder', () => {
      const dir = archive(4);
      const r = jiaodui(['fix', '--write', '--jobs', '2', dir]);
      assert.equal(r.code, 0, r.stderr);
      const again = jiaodui(['fix', '--format', 'json', '--jobs', '2', dir]);
      for (const f of json(again).files) assert.equal(f.applied, 0, f.path);
    });
  });
});
