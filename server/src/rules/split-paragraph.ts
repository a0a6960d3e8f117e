// `split-paragraph`: a column or page break left blank lines inside a sentence, even inside a
// word (`场` / `所码`). The first half ends without sentence punctuation and the next body text
// after the blank lines resumes it (a dateline such as 本报讯 would open a new article instead).
import type { Rule } from './rule';
import { breakRange, joinEdit } from './breaks';

export const splitParagraph: Rule = {
  meta: {
    id: 'split-paragraph',
    severity: 'info',
    description: { zh: '句子被空行断开', en: 'A sentence split by blank lines' },
  },
  check({ page }) {
    return page.breaks.filter(b => b.kind === 'blank').map(br => ({
      range: breakRange(page, br),
      message: {
        zh: `句子被空行断开：第 ${br.fromLine + 1} 行的句子在第 ${br.toLine + 1} 行继续`,
        en: `Sentence split by blank lines: line ${br.fromLine + 1} continues on line ${br.toLine + 1}`,
      },
      fixes: [{ title: { zh: '删除空行，接上句子', en: 'Remove the blank lines and join the sentence' }, safe: true, preferred: true, edits: [joinEdit(page.lines[br.fromLine], page.lines[br.toLine])] }],
    }));
  },
};
