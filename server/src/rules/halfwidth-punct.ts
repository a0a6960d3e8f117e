// `halfwidth-punct`: Half-width punctuation in Chinese text.
// PLACEHOLDER: being implemented.
import type { Rule } from './rule';

export const halfwidthPunct: Rule = {
  meta: { id: 'halfwidth-punct', severity: 'warning', description: { zh: '中文中的半角标点', en: 'Half-width punctuation in Chinese text' } },
  check() {
    return [];
  },
};
