// User dictionary files: words out of the formats editors save word lists in, and a clear refusal
// of files that are not word lists (the client warns about those by name, see client/src/dictionaries.ts).
import * as assert from 'node:assert/strict';
import * as iconv from 'iconv-lite';
import { decodeDictionary, parseDictionary } from '../../client/src/dictionaryFile';

const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

describe('user dictionary files', () => {
  it('reads one word per line, jieba\'s `word freq tag` format, comments and blank lines', () => {
    assert.deepEqual(parseDictionary('袁聚平\n北山口镇 5 ns\n\n# 本地地名\n 东风村 # 村名\r\n西头村\t3\n'), ['袁聚平', '北山口镇', '东风村', '西头村']);
  });

  it('decodes UTF-8 with or without a BOM, and UTF-16 with a BOM', () => {
    const words = ['袁聚平', '北山口镇'];
    assert.deepEqual(decodeDictionary(utf8('袁聚平\n北山口镇\n')), { ok: true, words });
    assert.deepEqual(decodeDictionary(utf8('\ufeff袁聚平\n北山口镇\n')), { ok: true, words });
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('袁聚平\r\n北山口镇\r\n', 'utf16le')]);
    assert.deepEqual(decodeDictionary(new Uint8Array(le)), { ok: true, words });
    const be = Buffer.from(le);
    be.swap16();
    assert.deepEqual(decodeDictionary(new Uint8Array(be)), { ok: true, words });
  });

  it('refuses a file with NUL bytes as binary, not a word list', () => {
    assert.deepEqual(decodeDictionary(utf8('袁聚平\n\0\0\0\x01\x02北山口镇\n')), { ok: false, kind: 'binary' });
    // A PNG header: what a mistyped path in the settings may well point at.
    assert.deepEqual(decodeDictionary(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])), { ok: false, kind: 'binary' });
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('袁聚平\0', 'utf16le')]);
    assert.deepEqual(decodeDictionary(new Uint8Array(le)), { ok: false, kind: 'binary' });
  });

  it('refuses a word list saved as GBK instead of reading it as garbled words', () => {
    assert.deepEqual(decodeDictionary(new Uint8Array(iconv.encode('袁聚平\n北山口镇\n', 'gbk'))), { ok: false, kind: 'not-utf8' });
  });

  it('reads an empty file as no words', () => {
    assert.deepEqual(decodeDictionary(new Uint8Array(0)), { ok: true, words: [] });
  });
});
