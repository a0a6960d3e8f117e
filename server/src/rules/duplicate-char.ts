// `duplicate-char`: Accidentally doubled character.
// PLACEHOLDER: being implemented.
import type { Rule } from './rule';

export const duplicateChar: Rule = {
  meta: { id: 'duplicate-char', severity: 'warning', description: { zh: '误重复的字', en: 'Accidentally doubled character' } },
  check() {
    return [];
  },
};
