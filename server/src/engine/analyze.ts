// The analysis entry point shared by the CLI, the language server and the tests.
import { buildPage } from '../page/page';
import { lexicon } from '../language/lexicon';
import type { Page, TextRun } from '../page/model';
import type { Token } from '../language/lexicon';
import type { Entity, Finding, Fix, Locale, RuleId, Severity } from '../core/types';
import { rules } from '../rules';
import type { RuleContext } from '../rules/rule';
import { findEntities } from '../entities/entities';
import { CHEAP_RULES, degradedNotice, flatPage, needsDegrading } from './degraded';

export interface RuleSetting { enabled?: boolean; severity?: Severity }

export interface AnalysisOptions {
  locale?: Locale;
  /** Per-rule overrides; rules not named keep their defaults. */
  rules?: Partial<Record<RuleId, RuleSetting>>;
  /** Whether to compute entities (the CLI's `lint` does not need them). */
  entities?: boolean;
  /**
   * The previous analysis of the same document. Its jieba tags are reused for every run whose
   * text is unchanged, so re-analysing after a keystroke re-tags only the edited paragraph
   * (segmentation is the largest single cost of an analysis). Only pass an analysis made with the
   * same user words: the tags depend on them.
   */
  previous?: Analysis;
}

export interface Analysis {
  page: Page;
  findings: Finding[];
  /** Computed on first read: diagnostics go out without waiting for entity recognition. */
  entities: Entity[];
  /** Tags of this analysis's runs by run text (for `AnalysisOptions.previous`). */
  readonly tags: ReadonlyMap<string, Token[]>;
  /** Per-run results rules memoised (`RuleContext.memo`), by key and run text, for the same reuse. */
  readonly memo: ReadonlyMap<string, ReadonlyMap<string, unknown>>;
  /** Set when the text was too large for a full analysis (see degraded.ts): say so to the user. */
  notice?: string;
}

/**
 * Rule context whose tags are computed once per distinct run text; `previous` supplies tags
 * already computed for the same texts. Tags are a function of the text alone (for fixed user
 * words), so keying by text rather than by run object changes nothing but the cost.
 */
export function createContext(page: Page, previous?: Pick<Analysis, 'tags' | 'memo'>): RuleContext & {
  cache: Map<string, Token[]>;
  memos: Map<string, Map<string, unknown>>;
  /** Takes over the previous tags of this page's runs and lets go of the previous analysis. */
  detach(): void;
} {
  const cache = new Map<string, Token[]>();
  const memos = new Map<string, Map<string, unknown>>();
  return {
    page,
    lexicon,
    cache,
    memos,
    detach() {
      if (!previous) return;
      for (const run of page.runs) {
        const t = cache.has(run.text) ? undefined : previous.tags.get(run.text);
        if (t) cache.set(run.text, t);
      }
      // Otherwise every analysis would keep the one before it alive, back to the document's first.
      previous = undefined;
    },
    memo<T>(key: string, run: TextRun, compute: () => T): T {
      let m = memos.get(key);
      if (!m) memos.set(key, (m = new Map()));
      if (m.has(run.text)) return m.get(run.text) as T;
      const before = previous?.memo.get(key);
      const value = before?.has(run.text) ? before.get(run.text) as T : compute();
      m.set(run.text, value);
      return value;
    },
    tags(run: TextRun) {
      let t = cache.get(run.text);
      if (!t) {
        t = previous?.tags.get(run.text) ?? (run.text ? lexicon.tag(run.text) : []);
        cache.set(run.text, t);
      }
      return t;
    },
  };
}

export function analyze(text: string, options: AnalysisOptions = {}): Analysis {
  const locale = options.locale ?? 'zh';
  // Text far beyond a page's size gets a flat page model and the cheap rules only (degraded.ts).
  const degraded = needsDegrading(text);
  const page = degraded ? flatPage(text) : buildPage(text, lexicon);
  const ctx = createContext(page, options.previous);
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
  ctx.detach();
  let entities: Entity[] | undefined = options.entities === false || degraded ? [] : undefined;
  return {
    page,
    findings,
    ...(degraded ? { notice: degradedNotice(text)[locale] } : {}),
    get entities() { return (entities ??= findEntities(ctx)); },
    set entities(value: Entity[]) { entities = value; },
    tags: ctx.cache,
    memo: ctx.memos,
  };
}
