// `noise-line`: A stray line that is not text.
// PLACEHOLDER: being implemented.
import type { Rule } from './rule';

export const noiseLine: Rule = {
  meta: { id: 'noise-line', severity: 'warning', description: { zh: '不是正文的杂行', en: 'A stray line that is not text' } },
  check() {
    return [];
  },
};
