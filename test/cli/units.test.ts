// The command line's pure parts: encoding detection, the write guard, choosing safe edits.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as iconv from 'iconv-lite';
import { decode, encode } from '../../server/src/cli/encoding';
import { fixPage } from '../../server/src/engine/fix';
import { readWithSnapshot, writeIfUnchanged } from '../../server/src/cli/write';
import type { Finding } from '../../server/src/core/types';
import { seedText, tmpDir } from './helpers';

describe('cli encoding detection', () => {
  const page = '本报讯 5月 16日下午，巩义市委书记袁聚平主持召开会议。\r\n“导师帮带制”𠀀 ABC 123\n';

  it('reads UTF-8 without and with BOM, and strips the BOM from the text', () => {
    assert.deepEqual(decode(Buffer.from(page)), { ok: true, text: page, encoding: { name: 'utf-8', bom: false } });
    assert.deepEqual(decode(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(page)])), { ok: true, text: page, encoding: { name: 'utf-8', bom: true } });
  });

  it('recognises GB18030 (and its GBK subset) from invalid UTF-8 that decodes as Chinese', () => {
    const d = decode(iconv.encode(seedText(), 'gb18030'));
    assert.ok(d.ok);
    assert.equal(d.text, seedText());
    assert.deepEqual(d.encoding, { name: 'gb18030', bom: false });
    const gbk = decode(iconv.encode('巩义市委书记袁聚平主持召开会议，安排部署相关工作。', 'gbk'));
    assert.ok(gbk.ok && gbk.encoding.name === 'gb18030' && gbk.text === '巩义市委书记袁聚平主持召开会议，安排部署相关工作。');
  });

  it('reads UTF-16 with a BOM, either byte order', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(page, 'utf16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(page, 'utf16le').swap16()]);
    assert.deepEqual(decode(le), { ok: true, text: page, encoding: { name: 'utf-16le', bom: true } });
    assert.deepEqual(decode(be), { ok: true, text: page, encoding: { name: 'utf-16be', bom: true } });
  });

  it('refuses binary data and text in other encodings', () => {
    assert.deepEqual(decode(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0])), { ok: false, reason: 'binary' });
    assert.deepEqual(decode(Buffer.from('ascii with many \x01\x02\x03\x04\x05 controls', 'latin1')), { ok: false, reason: 'binary' });
    assert.deepEqual(decode(Buffer.from('Caf\xe9 cr\xe8me br\xfbl\xe9e', 'latin1')), { ok: false, reason: 'undecodable' });
    // Shift-JIS Japanese: not UTF-8, and as GB18030 it does not read as Chinese.
    assert.deepEqual(decode(Buffer.from([0x82, 0xb1, 0x82, 0xf1, 0x82, 0xc9, 0x82, 0xbf, 0x82, 0xcd, 0x81, 0x41, 0x90, 0xa2, 0x8a, 0x45])), { ok: false, reason: 'undecodable' });
    // A BOM followed by invalid UTF-8 is a damaged UTF-8 file, not a GB18030 one.
    assert.deepEqual(decode(Buffer.from([0xef, 0xbb, 0xbf, 0xc4, 0xe3, 0xba, 0xc3])), { ok: false, reason: 'undecodable' });
  });

  it('encodes back to the same bytes it decoded, for every encoding', () => {
    for (const bytes of [
      Buffer.from(page),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(page)]),
      iconv.encode(seedText(), 'gb18030'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(page, 'utf16le')]),
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(page, 'utf16le').swap16()]),
    ]) {
      const d = decode(bytes);
      assert.ok(d.ok);
      assert.deepEqual(encode(d.text, d.encoding), bytes);
    }
  });
});

describe('cli write guard', () => {
  it('writes when the file is as it was read, keeping its mode', () => {
    const p = path.join(tmpDir(), 'page.txt');
    fs.writeFileSync(p, '旧', { mode: 0o640 });
    const { snapshot } = readWithSnapshot(p);
    assert.equal(writeIfUnchanged(p, snapshot, Buffer.from('新')), 'written');
    assert.equal(fs.readFileSync(p, 'utf8'), '新');
    assert.equal(fs.statSync(p).mode & 0o777, 0o640);
    assert.deepEqual(fs.readdirSync(path.dirname(p)), ['page.txt'], 'no temporary file left behind');
  });

  it('refuses to write over a file changed between read and write', () => {
    const p = path.join(tmpDir(), 'page.txt');
    fs.writeFileSync(p, '编辑前的文本');
    const { snapshot } = readWithSnapshot(p);
    fs.appendFileSync(p, '编辑者又加了一句。');
    assert.equal(writeIfUnchanged(p, snapshot, Buffer.from('修复后的文本')), 'changed-on-disk');
    assert.equal(fs.readFileSync(p, 'utf8'), '编辑前的文本编辑者又加了一句。');
  });

  it('notices a same-size change even when the mtime was put back', () => {
    const p = path.join(tmpDir(), 'page.txt');
    fs.writeFileSync(p, '人党');
    const t = new Date(2020, 1, 2);
    fs.utimesSync(p, t, t);
    const { snapshot } = readWithSnapshot(p);
    fs.writeFileSync(p, '入党');
    fs.utimesSync(p, t, t);
    assert.equal(writeIfUnchanged(p, snapshot, Buffer.from('入党。')), 'changed-on-disk');
    assert.equal(fs.readFileSync(p, 'utf8'), '入党');
  });

  it('refuses when the file was deleted meanwhile', () => {
    const p = path.join(tmpDir(), 'page.txt');
    fs.writeFileSync(p, '文本');
    const { snapshot } = readWithSnapshot(p);
    fs.unlinkSync(p);
    assert.equal(writeIfUnchanged(p, snapshot, Buffer.from('x')), 'changed-on-disk');
    assert.equal(fs.existsSync(p), false);
  });

  it('updates a symlinked page at its target and keeps the link', () => {
    const dir = tmpDir();
    const target = path.join(dir, 'real.txt');
    const link = path.join(dir, 'link.txt');
    fs.writeFileSync(target, '旧');
    fs.symlinkSync(target, link);
    const { snapshot } = readWithSnapshot(link);
    assert.equal(writeIfUnchanged(link, snapshot, Buffer.from('新')), 'written');
    assert.ok(fs.lstatSync(link).isSymbolicLink());
    assert.equal(fs.readFileSync(target, 'utf8'), '新');
  });
});

describe('fix-all edit selection', () => {
  const text = '第一行\n第二行,\n第三行';
  const r = (l1: number, c1: number, l2: number, c2: number) => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });
  const finding = (edits: [ReturnType<typeof r>, string][], safe = true, rule: Finding['rule'] = 'line-wrap'): Finding => ({
    rule, severity: 'info', range: edits[0][0], message: '', fixes: [{ title: 't', safe, edits: edits.map(([range, newText]) => ({ range, newText })) }],
  });
  /** One round of fix-all over the given findings of `page`. */
  const oneRound = (page: string, findings: Finding[]) => fixPage(page, t => (t === page ? findings : []), { maxPasses: 1 });

  it('takes the safe fixes only', () => {
    const result = oneRound(text, [finding([[r(1, 3, 1, 4), '，']]), finding([[r(0, 0, 0, 1), '首']], false)]);
    assert.equal(result.applied, 1);
    assert.equal(result.text, '第一行\n第二行，\n第三行');
  });

  it('skips a fix that overlaps one already taken, whole (not edit by edit)', () => {
    const join = finding([[r(0, 3, 1, 0), ''], [r(1, 3, 1, 4), '，']]);
    const overlapping = finding([[r(2, 0, 2, 1), '三'], [r(1, 2, 1, 4), '行，']]);
    const result = oneRound(text, [join, overlapping]);
    assert.equal(result.applied, 1);
    assert.equal(result.text, '第一行第二行，\n第三行');
  });

  it('lets edits that only touch, but two insertions at one point conflict', () => {
    assert.equal(oneRound(text, [finding([[r(0, 0, 0, 1), 'a']]), finding([[r(0, 1, 0, 2), 'b']])]).applied, 2);
    assert.equal(oneRound(text, [finding([[r(0, 1, 0, 1), 'a']]), finding([[r(0, 1, 0, 1), 'b']])]).applied, 1);
  });

  it('writes inserted line breaks in the page\'s own line ending', () => {
    assert.equal(oneRound('甲\r\n乙', [finding([[r(0, 1, 0, 1), '\n丙']])]).text, '甲\r\n丙\r\n乙');
  });
});

describe('fix-all applies only what the editor was shown', () => {
  const r = (l1: number, c1: number, l2: number, c2: number) => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });
  const finding = (rule: Finding['rule'], range: ReturnType<typeof r>, newText: string): Finding => ({
    rule, severity: 'info', range, message: '', fixes: [{ title: 't', safe: true, edits: [{ range, newText }] }],
  });
  // A wrapped name: joining the lines puts 馨 beside 馨, which a later round sees as doubled.
  const page = '获奖者孙馨\n馨说，\n';
  const joined = '获奖者孙馨馨说，\n';
  const rounds = (later: Finding[]) => (t: string) => (t === page ? [finding('line-wrap', r(0, 5, 1, 0), '')] : t === joined ? later : []);

  it('does not delete a character in a later round that no diagnostic of the original page pointed at', () => {
    const result = fixPage(page, rounds([finding('duplicate-char', r(0, 4, 0, 5), '')]));
    assert.equal(result.text, joined);
    assert.equal(result.applied, 1);
  });

  it('does not apply a later fix of a kind the original page showed no safe fix of', () => {
    const result = fixPage(page, rounds([finding('halfwidth-punct', r(0, 7, 0, 8), '。')]));
    assert.equal(result.text, joined);
  });

  it('still applies later fixes of the kinds shown, to what was shown or what a fix wrote', () => {
    // The join itself can expose a second join of the same kind: the editor saw the rule at work.
    const twice = '甲乙\n丙\n丁\n';
    const findingsOf = (t: string) => t === twice ? [finding('line-wrap', r(0, 2, 1, 0), '')] : t === '甲乙丙\n丁\n' ? [finding('line-wrap', r(0, 3, 1, 0), '')] : [];
    assert.equal(fixPage(twice, findingsOf).text, '甲乙丙丁\n');
  });
});
