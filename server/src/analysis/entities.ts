// TEMPORARY STUB: entity recognition is being written.
import type { RuleContext } from '../rules/rule';
import type { Entity } from './types';

export function findEntities(_ctx: RuleContext): Entity[] { return []; }
