// No injection: page text is untrusted OCR output. Whatever it contains — markdown links,
// `command:` URIs, HTML, backticks, terminal escape sequences — the hover shows it as plain text
// (no link, command, image or formatting comes out of it) and the command line prints it without
// anything a terminal would act on.
import * as assert from 'node:assert/strict';
import { analyze } from '../../server/src/engine/analyze';
import type { Entity, Finding } from '../../server/src/core/types';
import type { CliOptions } from '../../server/src/cli/args';
import { createFormatter } from '../../server/src/cli/format';
import { outlineOf } from '../../server/src/cli/outline';
import { escapeMarkdown, hover, type Mention } from '../../server/src/lsp/features/entities';

/** Page text an attacker (or a badly OCR'd web page) could put into a document. */
const HOSTILE = [
  '[点此领取](command:workbench.action.files.delete)',
  '[x](command:_workbench.downloadResource?%22http%3A%2F%2Fevil%22)',
  '<img src=x onerror=alert(1)>',
  '<a href="command:workbench.action.quit">退出</a>',
  '`rm -rf`',
  '**粗体** _斜体_ ~~删~~',
  '![图](https://evil.invalid/x.png)',
  '<https://evil.invalid>',
  '[ref]: command:workbench.action.quit',
  '# 标题\n---\n| a | b |',
  '$(zap) &lt;b&gt;',
  '\\[已转义\\](command:x)',
];

/**
 * The HTML a CommonMark renderer makes of the hover (VS Code renders hovers as markdown). `marked`
 * comes with @vscode/vsce; it is an ES module, hence loaded with import() before the tests.
 */
let render: (md: string) => string;

function hostileEntity(text: string): Entity {
  return {
    text,
    type: 'person',
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: text.length } },
    role: `本报记者 ${text}`,
    hierarchy: ['河南省', text],
  };
}

describe('no injection from page text', () => {
  describe('hover', () => {
    before(async () => {
      const { marked } = await import('marked');
      render = md => marked.parse(md, { async: false }) as string;
    });
    for (const text of HOSTILE) {
      it(`renders ${JSON.stringify(text)} as plain text: no link, image, code or HTML`, () => {
        const page = `${text}\n`;
        const others: Mention[] = [{ uri: `file:///archive/${encodeURIComponent(text)}.txt`, ranges: [{ start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }] }];
        const h = hover(hostileEntity(text), [], page, others, 'zh');
        const contents = h.contents as { kind: string; value: string; isTrusted?: boolean };
        assert.equal(contents.kind, 'markdown');
        assert.equal(contents.isTrusted, undefined, 'a hover quoting the page must never be trusted');
        const html = render(contents.value);
        assert.doesNotMatch(html, /<a\b|<img\b|<code\b|<em\b|<del\b|<h\d\b|<hr\b|<table\b|<script\b/i, `hover HTML: ${html}`);
        // Only the hover's own emphasis (the entity name in bold) survives as formatting.
        assert.equal((html.match(/<strong>/g) ?? []).length, 1, `hover HTML: ${html}`);
        assert.doesNotMatch(html, /<[^>]*command:/, `hover HTML: ${html}`);
      });
    }

    it('escapes so that the reader still sees the page text itself', () => {
      for (const text of HOSTILE) {
        const shown = escapeMarkdown(text).replace(/\\(.)/g, '$1');
        assert.equal(shown, text.replace(/\r?\n/g, ' '));
      }
    });
  });

  describe('command line text output', () => {
    /** ESC-based sequences a terminal acts on: colours, clearing the screen, OSC 8 hyperlinks, title changes. */
    const ESCAPES = ['\x1b[2J\x1b[H', '\x1b]8;;command:workbench.action.quit\x07点此\x1b]8;;\x07', '\x1b]0;owned\x07', '\x9b31m', '\x1bP+q\x1b\\'];
    const options = (command: CliOptions['command']): CliOptions => ({ command, format: 'text', locale: 'zh', rules: {}, paths: ['page.txt'], write: false, progress: false });
    const noTerminalControls = (out: string, what: string) =>
      assert.doesNotMatch(out, /[\x00-\x08\x0b-\x1f\x7f-\x9f]/, `${what} prints control characters: ${JSON.stringify(out)}`);

    it('prints findings whose messages quote page text without terminal escapes', () => {
      const diagnostics: Finding[] = ESCAPES.map((e, i) => ({
        rule: 'garbled-text', severity: 'error', message: `疑似乱码：“${e}”无法读通`, fixes: [],
        range: { start: { line: i, character: 0 }, end: { line: i, character: 1 } },
      }));
      const f = createFormatter({ options: options('lint'), fileCount: 1, color: false, version: '0' });
      noTerminalControls(f.file({ path: 'page.txt', kind: 'lint', chars: 100, diagnostics }) + f.end([]), 'lint');
    });

    it('prints an outline and entities of a page full of escapes and markup without terminal escapes', () => {
      const page = [
        `${ESCAPES[1]}乡村振兴${ESCAPES[0]}新篇章`,
        '',
        `本报记者 张建波${ESCAPES[2]}`,
        '',
        `北山口镇党委书记张赛军${ESCAPES[3]}在近日召开的会议上要求，针对村与村发展不平衡的实际，要把握工作试点的有利契机。${HOSTILE[0]}`,
        '',
      ].join('\n');
      const analysis = analyze(page, { entities: true });
      const outline = createFormatter({ options: options('outline'), fileCount: 1, color: false, version: '0' });
      const r0 = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
      // Whatever the classifier makes of such lines, a headline, section or byline may hold them.
      const planted = { headline: `标题${ESCAPES[1]}`, headlineRange: r0, range: r0, kind: 'article' as const, bylines: [{ text: `本报记者 ${ESCAPES[2]}`, range: r0 }], sections: [{ title: ESCAPES[0], range: r0 }] };
      const printed = outline.file({ path: 'page.txt', kind: 'outline', chars: page.length, articles: [...outlineOf(analysis.page), planted] });
      noTerminalControls(printed, 'outline');
      // The escapes are shown, not dropped: the reader sees what the page holds.
      assert.match(printed, /\\x1b/, `outline: ${printed}`);
      const entities = createFormatter({ options: options('entities'), fileCount: 1, color: false, version: '0' });
      const list = analysis.entities.map(e => ({ text: e.text, type: e.type, role: e.role ?? null, range: e.range }));
      list.push({ text: `张${ESCAPES[1]}三`, type: 'person', role: ESCAPES[0], range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } });
      noTerminalControls(entities.file({ path: 'page.txt', kind: 'entities', chars: page.length, entities: list }), 'entities');
    });

    it('names a file with escapes in its name without passing them to the terminal', () => {
      const f = createFormatter({ options: options('lint'), fileCount: 2, color: false, version: '0' });
      const diagnostics: Finding[] = [{ rule: 'cjk-space', severity: 'warning', message: '多余的空格', fixes: [], range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } }];
      noTerminalControls(f.file({ path: `evil${ESCAPES[0]}.txt`, kind: 'lint', chars: 1, diagnostics }), 'file header');
    });
  });
});
