// `traditional-char`: Traditional character in simplified text.
// PLACEHOLDER: being implemented.
import type { Rule } from './rule';

export const traditionalChar: Rule = {
  meta: { id: 'traditional-char', severity: 'warning', description: { zh: '简体文本中的繁体字', en: 'Traditional character in simplified text' } },
  check() {
    return [];
  },
};
