// `split-paragraph`: A sentence split by blank lines.
// PLACEHOLDER: being implemented.
import type { Rule } from './rule';

export const splitParagraph: Rule = {
  meta: { id: 'split-paragraph', severity: 'warning', description: { zh: '句子被空行断开', en: 'A sentence split by blank lines' } },
  check() {
    return [];
  },
};
