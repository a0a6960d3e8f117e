// `displaced-headline`: Headline printed away from its article.
// PLACEHOLDER: being implemented.
import type { Rule } from './rule';

export const displacedHeadline: Rule = {
  meta: { id: 'displaced-headline', severity: 'warning', description: { zh: '标题与正文分离', en: 'Headline printed away from its article' } },
  check() {
    return [];
  },
};
