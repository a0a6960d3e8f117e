// `interleaved-block`: OCR read a headline, byline or photo caption that the layout placed inside
// a column, between two halves of a sentence. The fix joins the halves and moves the block in
// front of the paragraph, so no text is lost; moving text is never applied unattended.
import type { Rule } from './rule';
import { bodyRunAt, breakRange, joinEdit } from './breaks';
import { range } from '../core/text';

const KIND_ZH: Record<string, string> = { headline: '标题', section: '栏目', byline: '署名', caption: '图片说明', noise: '杂行', header: '版头', body: '正文' };

export const interleavedBlock: Rule = {
  meta: {
    id: 'interleaved-block',
    severity: 'warning',
    description: { zh: '标题或图片说明插在句子中间', en: 'A headline or caption printed between two halves of a sentence' },
  },
  check({ page }) {
    return page.breaks.filter(b => b.kind === 'interleaved').map(br => {
      const run = bodyRunAt(page, br.fromLine);
      const paraStart = run ? run.lines[0].index : br.fromLine;
      const moved = br.between.map(b => b.lines.map(l => l.text).join(page.eol)).join(page.eol + page.eol);
      const kinds = [...new Set(br.between.map(b => KIND_ZH[b.kind] ?? b.kind))].join('、');
      const kindsEn = [...new Set(br.between.map(b => b.kind))].join(', ');
      return {
        range: breakRange(page, br),
        message: {
          zh: `${kinds}插在句子中间：第 ${br.fromLine + 1} 行的句子在第 ${br.toLine + 1} 行继续`,
          en: `A ${kindsEn} block interrupts a sentence: line ${br.fromLine + 1} continues on line ${br.toLine + 1}`,
        },
        fixes: [{
          title: { zh: '接上句子，把插入内容移到段首', en: 'Join the sentence and move the block before the paragraph' },
          safe: false,
          preferred: true,
          edits: [
            { range: range(paraStart, 0, paraStart, 0), newText: moved + page.eol + page.eol },
            joinEdit(page.lines[br.fromLine], page.lines[br.toLine]),
          ],
        }],
      };
    });
  },
};
