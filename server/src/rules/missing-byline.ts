// `missing-byline`: Article without a byline.
// PLACEHOLDER: being implemented.
import type { Rule } from './rule';

export const missingByline: Rule = {
  meta: { id: 'missing-byline', severity: 'info', description: { zh: '稿件缺少署名', en: 'Article without a byline' } },
  check() {
    return [];
  },
};
