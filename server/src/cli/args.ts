// Command-line arguments, read once into a typed object that everything else is handed.
import type { RuleSetting } from '../engine/analyze';
import type { Locale, RuleId, Severity } from '../core/types';
import { ruleById } from '../rules';
import { msg } from './messages';

export type Command = 'lint' | 'fix' | 'outline' | 'entities';
export type Format = 'text' | 'json' | 'sarif';

export interface CliOptions {
  command: Command;
  format: Format;
  locale: Locale;
  rules: Partial<Record<RuleId, RuleSetting>>;
  paths: string[];
  write: boolean;
  /** Worker threads; undefined: one per core when the input is large enough to pay for them. */
  jobs?: number;
  progress: boolean;
}

/** `jiaodui articles`: a command of its own (cli/articles.ts), outside the lint/outline pipeline. */
export interface ArticlesOptions {
  format: 'md' | 'json';
  locale: Locale;
  rules: Partial<Record<RuleId, RuleSetting>>;
  paths: string[];
}

export type Parsed =
  | { kind: 'run'; options: CliOptions }
  | { kind: 'articles'; options: ArticlesOptions }
  | { kind: 'help'; locale: Locale }
  | { kind: 'version' }
  | { kind: 'error'; message: string; locale: Locale };

const COMMANDS: readonly (Command | 'articles')[] = ['lint', 'fix', 'outline', 'entities', 'articles'];
const FORMATS: readonly (Format | 'md')[] = ['text', 'json', 'sarif', 'md'];
const LEVELS: readonly (Severity | 'off')[] = ['off', 'error', 'warning', 'info', 'hint'];

export function parseArgs(argv: readonly string[]): Parsed {
  // The locale is needed for error messages about the other arguments: find it first.
  let locale: Locale = 'zh';
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i] === '--locale' ? argv[i + 1] : argv[i].startsWith('--locale=') ? argv[i].slice(9) : undefined;
    if (v === 'zh' || v === 'en') locale = v;
  }
  const fail = (message: string): Parsed => ({ kind: 'error', message, locale });

  let command: Command | 'articles' | undefined;
  let format: Format | 'md' | undefined;
  let write = false;
  let jobs: number | undefined;
  let progress = true;
  const rules: CliOptions['rules'] = {};
  const paths: string[] = [];
  let help = false, version = false, endOfOptions = false;

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (endOfOptions || !arg.startsWith('-') || arg === '-') {
      if (!command) {
        if (!(COMMANDS as string[]).includes(arg)) return fail(msg.unknownCommand(arg)[locale]);
        command = arg as Command | 'articles';
      } else paths.push(arg);
      continue;
    }
    if (arg === '--') { endOfOptions = true; continue; }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string | undefined => (eq > 0 ? arg.slice(eq + 1) : argv[++i]);
    switch (name) {
      case '-h': case '--help': help = true; break;
      case '-v': case '--version': version = true; break;
      case '--write': write = true; break;
      case '--no-progress': progress = false; break;
      case '-f': case '--format': {
        const v = value();
        if (!v || !(FORMATS as string[]).includes(v)) return fail(msg.badFormat(v)[locale]);
        format = v as Format | 'md';
        break;
      }
      case '--locale': {
        const v = value();
        if (v !== 'zh' && v !== 'en') return fail(msg.badLocale(v)[locale]);
        break;
      }
      case '-j': case '--jobs': {
        const v = value();
        const n = Number(v);
        if (!v || !Number.isInteger(n) || n < 1) return fail(msg.badJobs(v)[locale]);
        jobs = n;
        break;
      }
      case '--rule': {
        const v = value();
        for (const spec of (v ?? '').split(',').filter(Boolean)) {
          const [id, level] = spec.split('=');
          if (!ruleById.has(id as RuleId)) return fail(msg.unknownRule(id)[locale]);
          if (!(LEVELS as string[]).includes(level)) return fail(msg.badLevel(spec)[locale]);
          rules[id as RuleId] = level === 'off' ? { enabled: false } : { enabled: true, severity: level as Severity };
        }
        if (!v) return fail(msg.badLevel('')[locale]);
        break;
      }
      default:
        return fail(msg.unknownOption(arg)[locale]);
    }
  }
  if (help) return { kind: 'help', locale };
  if (version) return { kind: 'version' };
  if (!command) return fail(msg.noCommand[locale]);
  if (!paths.length) return fail(msg.noPaths[locale]);
  if (format === 'sarif' && command !== 'lint') return fail(msg.sarifLintOnly[locale]);
  if (write && command !== 'fix') return fail(msg.writeFixOnly[locale]);
  // `articles` writes Markdown (its default) or JSON; Markdown is for `articles` only.
  if (command === 'articles') {
    if (format !== undefined && format !== 'md' && format !== 'json') return fail(msg.articlesFormats[locale]);
    return { kind: 'articles', options: { format: format ?? 'md', locale, rules, paths } };
  }
  if (format === 'md') return fail(msg.articlesFormats[locale]);
  return { kind: 'run', options: { command, format: format ?? 'text', locale, rules, paths, write, jobs, progress } };
}
