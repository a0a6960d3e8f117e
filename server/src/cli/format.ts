// Output formats, in two halves. `render` turns one file's result into its chunk of stdout and
// the few counts the closing summary needs; it keeps no state, so it runs in whichever thread
// analysed the file (cli/pool.ts), and the main thread only writes the chunk's bytes. The rest
// of a formatter runs in the main thread and holds what depends on the files before: the
// separators between JSON entries and SARIF results, the summary's totals, the opening and the
// closing, and a streamed file's pieces (stream.ts).
import * as path from 'node:path';
import type { Finding, Locale, Range, Severity } from '../core/types';
import { rules } from '../rules';
import type { CliOptions } from './args';
import { msg } from './messages';
import type { OutlineArticle } from './outline';
import type { EntityOut, FileResult, StreamEnd, StreamPart, Tally } from './results';

/** A result that is printed: errors go to stderr, not into the report. */
export type PrintedResult = Exclude<FileResult, { kind: 'error' }>;


/** One file's chunk of stdout, without what goes before it (`Formatter.before`), and its tally. */
export interface RenderedFile { text: string; tally: Tally }

export interface Formatter {
  /** Stateless: one file's chunk and tally. Runs in any thread (worker.ts builds its own formatter). */
  render(result: PrintedResult): RenderedFile;
  begin(): string;
  /**
   * Main thread, for each rendered file in input order: counts its tally into the summary and
   * returns what is printed before its text (JSON's "\n" or ",\n"; SARIF's the same before a
   * file's first result, nothing for a file without results).
   */
  before(tally: Tally, empty: boolean): string;
  /** A result rendered in this thread, with what goes before it: `before` + `render`'s text. */
  file(result: PrintedResult): string;
  /** `errors`: files that could not be processed (for SARIF's invocation record). */
  end(errors: readonly string[]): string;
  /**
   * A file too large to hold whole, streamed piece by piece (stream.ts): `open` before its first
   * piece, `part` for each piece's results (ranges already in the file's lines), `close` with the
   * totals. Together they print what `file` would for the whole file; only fix's JSON, whose
   * counts are known last, puts `output` before them.
   */
  open(path: string): string;
  part(path: string, part: StreamPart): string;
  close(end: StreamEnd): string;
}

/**
 * Everything a formatter depends on: plain data, handed to each worker thread once (workerData).
 */
export interface FormatContext {
  options: Pick<CliOptions, 'command' | 'format' | 'locale' | 'write'>;
  /** Number of files to be processed (fix prints a header per file only when there are several). */
  fileCount: number;
  color: boolean;
  version: string;
}

export const noTally = (): Tally => ({ problems: 0, errors: 0, warnings: 0, infos: 0, fixable: 0 });

/** Adds `diagnostics` to `t` (and returns it). */
export function tally(diagnostics: readonly Finding[], t = noTally()): Tally {
  for (const d of diagnostics) {
    t.problems++;
    if (d.severity === 'error') t.errors++; else if (d.severity === 'warning') t.warnings++; else t.infos++;
    if (d.fixes.some(f => f.safe)) t.fixable++;
  }
  return t;
}

const tallyOf = (r: PrintedResult) => (r.kind === 'lint' ? tally(r.diagnostics) : noTally());

/** A formatter whose `before` is nothing unless it says otherwise, and its in-thread `file`. */
function complete(parts: Omit<Formatter, 'file' | 'before'> & Partial<Pick<Formatter, 'before'>>): Formatter {
  const before = parts.before ?? (() => '');
  return {
    ...parts,
    before,
    file(r) {
      const { text, tally: t } = parts.render(r);
      return before(t, !text) + text;
    },
  };
}

export function createFormatter(ctx: FormatContext): Formatter {
  const { command, format } = ctx.options;
  if (format === 'sarif') return sarif(ctx);
  if (format === 'json') return json(command === 'fix' ? fixJson : r => ({ path: r.path, ...pick(r) }), ctx);
  switch (command) {
    case 'lint': return stylish(ctx);
    case 'outline': return outlineText(ctx);
    case 'entities': return entitiesText(ctx);
    case 'fix': return fixText(ctx);
  }
}

function pick(r: PrintedResult): object {
  switch (r.kind) {
    case 'lint': return { diagnostics: r.diagnostics, ...notice(r) };
    case 'outline': return { articles: r.articles, ...notice(r) };
    case 'entities': return { entities: r.entities, ...notice(r) };
    default: return {};
  }
}

/** The optional `notice` of a degraded analysis: present only when there is one. */
const notice = (r: { notice?: string }) => (r.notice ? { notice: r.notice } : {});

function fixJson(r: PrintedResult): object {
  if (r.kind !== 'fix') return { path: r.path };
  return { path: r.path, applied: r.applied, passes: r.passes, written: r.written, ...(r.output !== undefined ? { output: r.output } : {}) };
}

/** The array a streamed file's parts add to, by command (fix's output is a string instead). */
const ITEMS = { lint: 'diagnostics', outline: 'articles', entities: 'entities' } as const;

/**
 * "\n" before a list's first entry, ",\n" before the others: JSON's files, SARIF's results.
 * `used` says whether any entry was printed (the closing differs).
 */
function listSeparator() {
  const state = { used: false, next: () => { const s = state.used ? ',\n' : '\n'; state.used = true; return s; } };
  return state;
}

/**
 * `{"files":[…]}`, one file per line, written incrementally. A streamed file's entry is written
 * piece by piece, byte for byte what JSON.stringify would make of the whole entry.
 */
function json(shape: (r: PrintedResult) => object, ctx: FormatContext): Formatter {
  const { command, write } = ctx.options;
  const entries = listSeparator();
  let firstItem = true;
  return complete({
    render: r => ({ text: JSON.stringify(shape(r)), tally: tallyOf(r) }),
    begin: () => '{"files":[',
    before: () => entries.next(),
    end: () => (entries.used ? '\n]}\n' : ']}\n'),
    open(p) {
      firstItem = true;
      if (command !== 'fix') return `${entries.next()}{"path":${JSON.stringify(p)},"${ITEMS[command]}":[`;
      return write ? '' : `${entries.next()}{"path":${JSON.stringify(p)},"output":"`;
    },
    part(_, part) {
      // A piece ends at a line break or between whole characters: its escaped text joins the next's.
      if (part.kind === 'fix') return JSON.stringify(part.output).slice(1, -1);
      const items: readonly unknown[] = part.kind === 'lint' ? part.diagnostics : part.kind === 'outline' ? part.articles : part.entities;
      let out = '';
      for (const item of items) {
        out += (firstItem ? '' : ',') + JSON.stringify(item);
        firstItem = false;
      }
      return out;
    },
    close(e) {
      if (e.kind !== 'fix') return ']}';
      const counts = { applied: e.applied, passes: e.passes, written: e.written };
      return write ? entries.next() + JSON.stringify({ path: e.path, ...counts }) : `",${JSON.stringify(counts).slice(1)}`;
    },
  });
}

// ---- text ------------------------------------------------------------------------------------

const ansi = (on: boolean) => {
  const wrap = (a: string, b: string) => (s: string) => (on ? `\x1b[${a}m${s}\x1b[${b}m` : s);
  return { red: wrap('31', '39'), yellow: wrap('33', '39'), blue: wrap('34', '39'), dim: wrap('2', '22'), bold: wrap('1', '22'), underline: wrap('4', '24') };
};

/** Columns a string takes in a terminal: CJK and full-width forms take two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf && c !== 0x303f) || (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) ||
      (c >= 0x20000 && c <= 0x3fffd) ? 2 : 1;
  }
  return w;
}

/**
 * Page text and file names shown as text, with control characters (C0, DEL, C1) written out as
 * `\xHH`. A page is untrusted: an ESC or CSI in it would otherwise reach the terminal and clear
 * the screen, retitle the window or plant an OSC 8 hyperlink.
 */
export const printable = (s: string) => s.replace(/[\x00-\x1f\x7f-\x9f]/g, c => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

const pad = (s: string, width: number, right = false) => {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return right ? fill + s : s + fill;
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A file's degraded-analysis notice as a line under its header. */
const noteLine = (c: ReturnType<typeof ansi>, notice: string | undefined) => (notice ? `  ${c.blue('note')}  ${printable(notice)}\n` : '');

/** ESLint's "stylish": a header per file, aligned rows, one summary line. */
function stylish(ctx: FormatContext): Formatter {
  const c = ansi(ctx.color);
  const totals = noTally();
  const sev = (s: Severity) => (s === 'error' ? c.red(s) : s === 'warning' ? c.yellow(s) : c.blue(s));
  /** Rows aligned among themselves (a streamed file's pieces each align their own). */
  const report = (file: string, diagnostics: readonly Finding[], header: boolean, notice?: string): string => {
    const rows = diagnostics.map((d: Finding) => ({
      pos: `${d.range.start.line + 1}:${d.range.start.character + 1}`,
      severity: d.severity,
      message: printable(d.message.replace(/\s*\n\s*/g, ' ')),
      rule: d.rule,
    }));
    const wPos = Math.max(...rows.map(x => x.pos.length));
    const wSev = Math.max(...rows.map(x => x.severity.length));
    const wMsg = Math.max(...rows.map(x => displayWidth(x.message)));
    let out = header ? `\n${c.underline(printable(file))}\n` : '';
    out += noteLine(c, notice);
    for (const x of rows) out += `  ${c.dim(pad(x.pos, wPos, true))}  ${sev(x.severity)}${' '.repeat(wSev - x.severity.length)}  ${pad(x.message, wMsg)}  ${c.dim(x.rule)}\n`;
    return out;
  };
  let headed = false;
  return complete({
    render: r => ({
      text: r.kind === 'lint' && (r.diagnostics.length || r.notice) ? report(r.path, r.diagnostics, true, r.notice) : '',
      tally: tallyOf(r),
    }),
    begin: () => '',
    before(t) {
      totals.problems += t.problems; totals.errors += t.errors; totals.warnings += t.warnings; totals.infos += t.infos; totals.fixable += t.fixable;
      return '';
    },
    open() { headed = false; return ''; },
    part(p, part) {
      if (part.kind !== 'lint' || !part.diagnostics.length) return '';
      tally(part.diagnostics, totals);
      const out = report(p, part.diagnostics, !headed);
      headed = true;
      return out;
    },
    close: () => '',
    end() {
      const { problems, errors, warnings, infos, fixable } = totals;
      if (!problems) return '';
      const colour = errors ? c.red : c.yellow;
      let out = '\n' + colour(c.bold(`✖ ${plural(problems, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`)) + '\n';
      // ESLint has no info level; ours are counted in the total and named on their own line.
      if (infos) out += c.dim(`  ${infos} info`) + '\n';
      if (fixable) out += c.dim(`  ${plural(fixable, 'problem')} potentially fixable with \`jiaodui fix\`.`) + '\n';
      return out + '\n';
    },
  });
}

const lineSpan = (r: Range) => (r.start.line === r.end.line ? `L${r.start.line + 1}` : `L${r.start.line + 1}-${r.end.line + 1}`);

function outlineText(ctx: FormatContext): Formatter {
  const c = ansi(ctx.color);
  const zh = ctx.options.locale === 'zh';
  const noHeadline = zh ? '（无标题）' : '(no headline)';
  const header = (p: string) => `\n${c.underline(printable(p))}\n`;
  const lines = (articles: readonly OutlineArticle[]) => {
    let out = '';
    for (const a of articles) {
        out += `  ${c.dim(pad(lineSpan(a.range), 10))} ${pad(a.kind, 7)} ${c.bold(printable(a.headline) || noHeadline)}${a.headlineRange && a.headlineRange.start.line > a.range.end.line || a.headlineRange && a.headlineRange.end.line < a.range.start.line ? c.dim(` (${lineSpan(a.headlineRange)})`) : ''}\n`;
        for (const s of a.sections) out += `  ${' '.repeat(19)}${c.dim(zh ? '栏目' : 'section')} ${printable(s.title)}\n`;
        for (const b of a.bylines) out += `  ${' '.repeat(19)}${c.dim(zh ? '署名' : 'byline')} ${printable(b.text)} ${c.dim(`(${lineSpan(b.range)})`)}\n`;
    }
    return out;
  };
  return complete({
    render: r => ({ text: r.kind === 'outline' ? header(r.path) + noteLine(c, r.notice) + lines(r.articles) : '', tally: noTally() }),
    begin: () => '',
    end: () => '',
    open: header,
    part: (_, part) => (part.kind === 'outline' ? lines(part.articles) : ''),
    close: () => '',
  });
}

function entitiesText(ctx: FormatContext): Formatter {
  const c = ansi(ctx.color);
  const names: Record<Locale, Record<string, string>> = { zh: { person: '人名', place: '地名', org: '机构' }, en: { person: 'person', place: 'place', org: 'org' } };
  const header = (p: string) => `\n${c.underline(printable(p))}\n`;
  /** Rows aligned among themselves (a streamed file's pieces each align their own). */
  const rows = (entities: readonly EntityOut[]) => {
    let out = '';
    const pos = entities.map(e => `${e.range.start.line + 1}:${e.range.start.character + 1}`);
    const w = Math.max(0, ...pos.map(p => p.length));
    entities.forEach((e, i) => {
      out += `  ${c.dim(pad(pos[i], w, true))}  ${pad(names[ctx.options.locale][e.type], 6)}  ${printable(e.text)}${e.role ? c.dim(`  ${printable(e.role)}`) : ''}\n`;
    });
    return out;
  };
  return complete({
    render: r => ({ text: r.kind === 'entities' ? header(r.path) + noteLine(c, r.notice) + rows(r.entities) : '', tally: noTally() }),
    begin: () => '',
    end: () => '',
    open: header,
    part: (_, part) => (part.kind === 'entities' ? rows(part.entities) : ''),
    close: () => '',
  });
}

function fixText(ctx: FormatContext): Formatter {
  const { locale, write } = ctx.options;
  let endsWithNewline = true;
  const render = (r: PrintedResult): string => {
    if (r.kind !== 'fix') return '';
    if (write) return r.written ? msg.fixed(printable(r.path), r.applied, r.passes)[locale] + '\n' : '';
    // One file: exactly the fixed text, so `jiaodui fix page.txt > fixed.txt` works.
    if (ctx.fileCount <= 1) return r.output ?? '';
    const body = r.output ?? '';
    return `==> ${printable(r.path)} <==\n${body}${body.endsWith('\n') ? '' : '\n'}`;
  };
  return complete({
    render: r => ({ text: render(r), tally: noTally() }),
    begin: () => '',
    end: () => '',
    // Streamed: the same, the fixed text piece by piece.
    open(p) {
      endsWithNewline = true;
      return write || ctx.fileCount <= 1 ? '' : `==> ${printable(p)} <==\n`;
    },
    part(_, part) {
      if (part.kind !== 'fix' || !part.output) return '';
      endsWithNewline = part.output.endsWith('\n');
      return part.output;
    },
    close(e) {
      if (write) return e.written ? msg.fixed(printable(e.path), e.applied, e.passes)[locale] + '\n' : '';
      return ctx.fileCount <= 1 || endsWithNewline ? '' : '\n';
    },
  });
}

// ---- SARIF 2.1.0 -----------------------------------------------------------------------------

const level = (s: Severity) => (s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note');

/** SARIF regions are 1-based; columns count UTF-16 code units (declared in the run's columnKind). */
const region = (r: Range) => ({ startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 });

const uriOf = (p: string) => p.split(path.sep).map(encodeURIComponent).join('/');

function sarif(ctx: FormatContext): Formatter {
  const { locale } = ctx.options;
  const index = new Map(rules.map((r, i) => [r.meta.id, i]));
  const results = listSeparator();
  /** A file's results, one per line; the separator before the first is the caller's. */
  const resultLines = (file: string, diagnostics: readonly Finding[]): string => {
    const artifactLocation = { uri: uriOf(file) };
    return diagnostics.map(d => JSON.stringify({
      ruleId: d.rule,
      ruleIndex: index.get(d.rule),
      level: level(d.severity),
      message: { text: d.message },
      locations: [{ physicalLocation: { artifactLocation, region: region(d.range) } }],
      ...(d.fixes.length ? {
        fixes: d.fixes.map(f => ({
          description: { text: f.title },
          artifactChanges: [{ artifactLocation, replacements: f.edits.map(e => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })) }],
          properties: { safe: f.safe },
        })),
      } : {}),
    })).join(',\n');
  };
  return complete({
    render: r => ({ text: r.kind === 'lint' ? resultLines(r.path, r.diagnostics) : '', tally: tallyOf(r) }),
    begin() {
      const driver = {
        name: 'jiaodui',
        version: ctx.version,
        informationUri: 'https://example.invalid/jiaodui',
        rules: rules.map(r => ({
          id: r.meta.id,
          shortDescription: { text: r.meta.description[locale] },
          defaultConfiguration: { level: level(r.meta.severity) },
        })),
      };
      const head = JSON.stringify({ $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0' });
      return `${head.slice(0, -1)},"runs":[{"tool":${JSON.stringify({ driver })},"columnKind":"utf16CodeUnits","results":[`;
    },
    before: (_, empty) => (empty ? '' : results.next()),
    end(errors) {
      const invocation = {
        executionSuccessful: errors.length === 0,
        toolExecutionNotifications: errors.map(text => ({ level: 'error', message: { text } })),
      };
      return `${results.used ? '\n' : ''}],"invocations":[${JSON.stringify(invocation)}]}]}\n`;
    },
    open: () => '',
    part(p, part) {
      if (part.kind !== 'lint' || !part.diagnostics.length) return '';
      return results.next() + resultLines(p, part.diagnostics);
    },
    close: () => '',
  });
}
