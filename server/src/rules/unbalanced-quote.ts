// `unbalanced-quote`: Unbalanced quote or bracket.
// PLACEHOLDER: being implemented.
import type { Rule } from './rule';

export const unbalancedQuote: Rule = {
  meta: { id: 'unbalanced-quote', severity: 'warning', description: { zh: '引号或括号不成对', en: 'Unbalanced quote or bracket' } },
  check() {
    return [];
  },
};
