// A GBK page opened with the wrong encoding gets one clear diagnostic telling the editor to
// reopen it as GB18030 — not thousands of U+FFFD findings, and never on a correctly decoded page.
import * as assert from 'node:assert/strict';
import * as iconv from 'iconv-lite';
import { analyze } from '../../../server/src/engine/analyze';
import { detectMojibake } from '../../../server/src/core/mojibake';
import { warmUp } from '../../../server/src/language/dictionary';
import { defaultSettings } from '../../../server/src/lsp/features/config';
import { isNewspaperDocument } from '../../../server/src/lsp/features/selection';
import { seedNames, seedText } from './gen';

/** What an editor shows for a GB18030 file decoded as UTF-8 (invalid sequences become U+FFFD). */
const asUtf8 = (text: string) => new TextDecoder('utf-8').decode(iconv.encode(text, 'gb18030'));
/** … and decoded as Windows-1252, the usual single-byte guess. */
const asLatin1 = (text: string) => iconv.decode(iconv.encode(text, 'gb18030'), 'win1252');

const wrongEncoding = (text: string, locale: 'zh' | 'en' = 'zh') =>
  analyze(text, { locale, entities: false }).findings.filter(f => f.rule === 'garbled-text' && /GB18030/.test(f.message));

describe('robustness: a GBK page opened in the wrong encoding', function () {
  this.timeout(60_000);
  before(() => warmUp());

  for (const name of seedNames) {
    it(`${name} as UTF-8: exactly one garbled-text diagnostic, and it says to reopen as GB18030`, () => {
      const text = asUtf8(seedText(name));
      assert.equal(detectMojibake(text), 'gbk-as-utf8');
      const all = analyze(text, { entities: false }).findings.filter(f => f.rule === 'garbled-text');
      assert.equal(all.length, 1, `garbled-text findings: ${all.map(f => f.message).join(' | ')}`);
      assert.match(all[0].message, /通过编码重新打开/);
      const [en] = wrongEncoding(text, 'en');
      assert.match(en.message, /Reopen with Encoding.*GB18030/);
      assert.equal(all[0].fixes.length, 0, 'the bytes are gone: nothing to fix in place');
    });
  }

  it('says the same for a GBK page shown as Latin-1 letters (±±É½¿ÚÕò)', () => {
    const text = asLatin1(seedText(seedNames[0]));
    assert.match(text, /±¾±¨/); // 本报 in GBK bytes read as Windows-1252
    assert.equal(detectMojibake(text), 'gbk-as-latin1');
    const found = wrongEncoding(text, 'en');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /Reopen with Encoding/);
  });

  it('stays silent on correctly decoded pages, on a few damaged characters, and on other languages', () => {
    for (const name of seedNames) assert.equal(detectMojibake(seedText(name)), undefined, name);
    for (const name of seedNames) assert.deepEqual(wrongEncoding(seedText(name)), [], name);
    // A handful of U+FFFD is a damaged spot, reported where it is, not a wrong encoding.
    const damaged = seedText(seedNames[2]).replace(/村/g, (m, i: number) => (i % 7 === 0 ? '\ufffd' : m));
    assert.equal(detectMojibake(damaged), undefined);
    assert.ok(analyze(damaged, { entities: false }).findings.some(f => f.rule === 'garbled-text' && !/GB18030/.test(f.message)));
    const french = 'Le café est très bon. Où êtes-vous ? Ça va très bien, à bientôt. Élève préférée, déjà naïve. '.repeat(30);
    const german = 'Größere Übungen für Mädchen und Jungen, schön gemäß der Straßenverkehrsordnung. '.repeat(30);
    assert.equal(detectMojibake(french), undefined);
    assert.equal(detectMojibake(german), undefined);
    // UTF-8 read as Latin-1 is another mistake with another remedy (reopen as UTF-8).
    const utf8AsLatin1 = iconv.decode(Buffer.from(seedText(seedNames[0]), 'utf8'), 'win1252');
    assert.equal(detectMojibake(utf8AsLatin1), undefined);
  });

  it('analyses a plain-text mojibake file as a page, so the diagnostic reaches VS Code', () => {
    const doc = { uri: 'file:///archive/page.txt', languageId: 'plaintext', getText: () => asUtf8(seedText(seedNames[3])) };
    assert.equal(isNewspaperDocument(doc, defaultSettings), true);
    const english = { uri: 'file:///notes.txt', languageId: 'plaintext', getText: () => 'Meeting notes, nothing Chinese here.\n'.repeat(50) };
    assert.equal(isNewspaperDocument(english, defaultSettings), false);
  });
});
