// The analysis entry point shared by the CLI, the language server and the tests.
import { buildPage } from './page';
import { lexicon } from './lexicon';
import type { Page, TextRun } from './model';
import type { Token } from './lexicon';
import type { Entity, Finding, Fix, Locale, RuleId, Severity } from './types';
import { rules } from '../rules';
import type { RuleContext } from '../rules/rule';
import { findEntities } from './entities';
import { CHEAP_RULES, degradedNotice, flatPage, needsDegrading } from './degraded';

export interface RuleSetting { enabled?: boolean; severity?: Severity }

export interface AnalysisOptions {
  locale?: Locale;
  /** Per-rule overrides; rules not named keep their defaults. */
  rules?: Partial<Record<RuleId, RuleSetting>>;
  /** Whether to compute entities (the CLI's `lint` does not need them). */
  entities?: boolean;
}

export interface Analysis {
  page: Page;
  findings: Finding[];
  entities: Entity[];
  /** Set when the text was too large for a full analysis (see degraded.ts): say so to the user. */
  notice?: string;
}

export function createContext(page: Page): RuleContext {
  const cache = new Map<TextRun, Token[]>();
  return {
    page,
    lexicon,
    tags(run) {
      let t = cache.get(run);
      if (!t) { t = run.text ? lexicon.tag(run.text) : []; cache.set(run, t); }
      return t;
    },
  };
}

export function analyze(text: string, options: AnalysisOptions = {}): Analysis {
  const locale = options.locale ?? 'zh';
  // Text far beyond a page's size gets a flat page model and the cheap rules only (degraded.ts).
  const degraded = needsDegrading(text);
  const page = degraded ? flatPage(text) : buildPage(text, lexicon);
  const ctx = createContext(page);
  const findings: Finding[] = [];
  for (const rule of rules) {
    const setting = options.rules?.[rule.meta.id];
    if (setting?.enabled === false || (degraded && !CHEAP_RULES.has(rule.meta.id))) continue;
    const severity = setting?.severity ?? rule.meta.severity;
    for (const r of rule.check(ctx)) {
      const fixes: Fix[] = (r.fixes ?? []).map(p => ({ title: p.title[locale], safe: p.safe, edits: p.edits, ...(p.preferred ? { preferred: true } : {}) }));
      findings.push({ rule: rule.meta.id, severity, range: r.range, message: r.message[locale], fixes });
    }
  }
  findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  const entities = options.entities === false || degraded ? [] : findEntities(ctx);
  return { page, findings, entities, ...(degraded ? { notice: degradedNotice(text)[locale] } : {}) };
}
