// `cjk-space`: Spurious space in Chinese text.
// PLACEHOLDER: being implemented.
import type { Rule } from './rule';

export const cjkSpace: Rule = {
  meta: { id: 'cjk-space', severity: 'warning', description: { zh: '中文正文中多余的空格', en: 'Spurious space in Chinese text' } },
  check() {
    return [];
  },
};
