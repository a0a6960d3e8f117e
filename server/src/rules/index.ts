// The registry: every rule, in the order findings are reported for one place.
import type { Rule } from './rule';

export const rules: Rule[] = [];
