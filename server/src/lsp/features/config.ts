// The extension's settings, read once per change into one typed object and passed down.
// Raw values come from `workspace/configuration` (section `jiaodui`) and are validated here, so
// no other module touches untyped settings.
import type { AnalysisOptions, RuleSetting } from '../../engine/analyze';
import type { Locale, RuleId, Severity } from '../../core/types';
import { rules } from '../../rules';

export interface Settings {
  enable: boolean;
  locale: Locale;
  rules: Partial<Record<RuleId, RuleSetting>>;
  /** Words that must never be flagged (also given to the segmenter as user words). */
  ignoreWords: string[];
  /** Globs (matched against the file path) of files always analysed as newspaper pages. */
  files: string[];
  /** How the outline presents an article's photo captions (features/symbols.ts). */
  outline: OutlineOptions;
}

export interface OutlineOptions {
  /** `group`: one `图片说明 (n)` node per article; `hide`: none; `list`: each caption as a child. */
  captions: 'group' | 'hide' | 'list';
  /** Bylines as children of their article (by default they are in the article's detail only). */
  bylines: boolean;
}

export const defaultSettings: Settings = {
  enable: true,
  locale: 'zh',
  rules: {},
  ignoreWords: [],
  files: ['**/*.news.txt'],
  outline: { captions: 'group', bylines: false },
};

const severities: readonly Severity[] = ['error', 'warning', 'info', 'hint'];
const ruleIds = new Set<string>(rules.map(r => r.meta.id));

/** Validates whatever the client sent; unknown or malformed entries fall back to defaults. */
export function readSettings(raw: unknown): Settings {
  const o = isObject(raw) ? raw : {};
  const ruleSettings: Partial<Record<RuleId, RuleSetting>> = {};
  if (isObject(o.rules)) {
    for (const [id, value] of Object.entries(o.rules)) {
      if (!ruleIds.has(id)) continue;
      const setting: RuleSetting = {};
      // Shorthand as in ESLint: `"cjk-space": "off"` or `"cjk-space": "hint"`.
      if (value === false || value === 'off') setting.enabled = false;
      else if (typeof value === 'string' && severities.includes(value as Severity)) setting.severity = value as Severity;
      else if (isObject(value)) {
        if (typeof value.enabled === 'boolean') setting.enabled = value.enabled;
        if (typeof value.severity === 'string' && severities.includes(value.severity as Severity)) setting.severity = value.severity as Severity;
      } else continue;
      ruleSettings[id as RuleId] = setting;
    }
  }
  return {
    enable: typeof o.enable === 'boolean' ? o.enable : defaultSettings.enable,
    locale: o.locale === 'en' ? 'en' : 'zh',
    rules: ruleSettings,
    ignoreWords: strings(o.ignoreWords),
    files: Array.isArray(o.files) ? strings(o.files) : defaultSettings.files,
    outline: readOutline(o.outline),
  };
}

export function analysisOptions(settings: Settings): AnalysisOptions {
  return { locale: settings.locale, rules: settings.rules, entities: true };
}

function readOutline(v: unknown): OutlineOptions {
  const o = isObject(v) ? v : {};
  const captions = o.captions === 'hide' || o.captions === 'list' ? o.captions : 'group';
  return { captions, bylines: o.bylines === true };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string' && s.trim() !== '').map(s => s.trim()) : [];
}
