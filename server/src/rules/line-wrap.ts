// `line-wrap`: OCR kept the column's line ends, so a paragraph arrives hard-wrapped.
// A body line that does not end a sentence, followed directly by more body text, is a wrap.
// (A line ending in 。！？… ends its paragraph: the seeds' gold never joins those.)
import type { Rule } from './rule';
import { bodyRunAt, breakRange, joinEdit, paragraphJoins } from './breaks';

export const lineWrap: Rule = {
  meta: {
    id: 'line-wrap',
    severity: 'info',
    description: { zh: '一行在段落中间被硬折断', en: 'A line hard-wrapped inside a paragraph' },
  },
  check({ page }) {
    const joins = paragraphJoins(page);
    return page.breaks.filter(b => b.kind === 'wrap').map(br => ({
      range: breakRange(page, br),
      message: { zh: '段落中间的硬换行：本行与下一行是同一句话', en: 'Hard line wrap: the sentence continues on the next line' },
      fixes: [
        { title: { zh: '合并此行', en: 'Join this line' }, safe: true, preferred: true, edits: [joinEdit(page.lines[br.fromLine], page.lines[br.toLine])] },
        { title: { zh: '合并整段', en: 'Join the whole paragraph' }, safe: true, edits: joins.get(bodyRunAt(page, br.fromLine)!) ?? [] },
      ],
    }));
  },
};
