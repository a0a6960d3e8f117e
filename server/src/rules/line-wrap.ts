// `line-wrap`: A line hard-wrapped inside a paragraph.
// PLACEHOLDER: being implemented.
import type { Rule } from './rule';

export const lineWrap: Rule = {
  meta: { id: 'line-wrap', severity: 'info', description: { zh: '一行在段落中间被硬折断', en: 'A line hard-wrapped inside a paragraph' } },
  check() {
    return [];
  },
};
