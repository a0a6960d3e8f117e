// Hover, highlights and references for the people, places and organisations a page names.
// Hover text quotes the page, which is untrusted OCR output: every piece of it is escaped for
// markdown, and the hover is never marked trusted, so a page cannot inject links, commands or HTML.
import { DocumentHighlight, DocumentHighlightKind, Hover, Location, MarkupKind } from 'vscode-languageserver-types';
import type { Entity, EntityType, Locale, Position, Range } from '../../core/types';
import { occurrences, type PageText } from './workspace';

const typeLabel: Record<EntityType, { zh: string; en: string }> = {
  person: { zh: '人物', en: 'person' },
  place: { zh: '地名', en: 'place' },
  org: { zh: '机构', en: 'organisation' },
};

const t = {
  role: { zh: '角色：', en: 'Role: ' },
  count: { zh: (n: number, lines: string) => `本版出现 ${n} 次（第 ${lines} 行）`, en: (n: number, lines: string) => `${n} occurrence${n === 1 ? '' : 's'} on this page (line${n === 1 ? '' : 's'} ${lines})` },
  lineSep: { zh: '、', en: ', ' },
  hierarchy: { zh: '行政区划：', en: 'Administrative hierarchy: ' },
  others: { zh: '其他版面：', en: 'Other pages: ' },
  none: { zh: '其他版面未提及', en: 'Not mentioned on other pages' },
  times: { zh: (n: number) => `${n} 次`, en: (n: number) => `${n}×` },
};

/** Most other pages listed in a hover; the rest are summarised as a count. */
const MAX_OTHER_PAGES = 8;

/** Backslash-escapes every ASCII punctuation character CommonMark could read as syntax. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~&"'=:$%^@;?/,]/g, '\\$&').replace(/\r?\n/g, ' ');
}

function contains(r: Range, p: Position): boolean {
  const afterStart = p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
  const beforeEnd = p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character);
  return afterStart && beforeEnd;
}

export function entityAt(entities: readonly Entity[], pos: Position): Entity | undefined {
  return entities.find(e => contains(e.range, pos));
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

function overlapping(a: Range, b: Range): boolean {
  return contains(a, b.start) || contains(b, a.start);
}

/**
 * Where an entity occurs on its page: every range the analysis recognised with the same name and
 * type (which may span an OCR line break), plus plain-text matches the recogniser did not tag.
 */
export function entityOccurrences(entity: Entity, entities: readonly Entity[], text: string): Range[] {
  const ranges = entities.filter(e => e.text === entity.text && e.type === entity.type).map(e => e.range);
  for (const r of occurrences(text, entity.text)) if (!ranges.some(x => sameRange(x, r) || overlapping(x, r))) ranges.push(r);
  return ranges.sort((a, b) => a.start.line - b.start.line || a.start.character - b.start.character);
}

export function highlights(entity: Entity, entities: readonly Entity[], text: string): DocumentHighlight[] {
  return entityOccurrences(entity, entities, text).map(range => ({ range, kind: DocumentHighlightKind.Text }));
}

export interface Mention { uri: string; ranges: Range[] }

/** Other pages naming the entity (plain-text matches: another page's recogniser need not run). */
export function mentionsElsewhere(entity: Entity, uri: string, pages: readonly PageText[]): Mention[] {
  const out: Mention[] = [];
  for (const p of pages) {
    if (p.uri === uri) continue;
    const ranges = occurrences(p.text, entity.text);
    if (ranges.length) out.push({ uri: p.uri, ranges });
  }
  return out;
}

export function references(entity: Entity, uri: string, entities: readonly Entity[], text: string, pages: readonly PageText[]): Location[] {
  const here = entityOccurrences(entity, entities, text).map(range => ({ uri, range }));
  const there = mentionsElsewhere(entity, uri, pages).flatMap(m => m.ranges.map(range => ({ uri: m.uri, range })));
  return [...here, ...there];
}

/** A page's name as the user knows it: its path inside the workspace, else its file name. */
function pageName(uri: string, roots: readonly string[]): string {
  const root = roots.find(r => uri.startsWith(r.endsWith('/') ? r : `${r}/`));
  const rel = root ? uri.slice(root.length).replace(/^\//, '') : uri.split('/').pop() ?? uri;
  try { return decodeURIComponent(rel); } catch { return rel; }
}

export function hover(entity: Entity, entities: readonly Entity[], text: string, others: readonly Mention[], locale: Locale, roots: readonly string[] = []): Hover {
  const here = entityOccurrences(entity, entities, text);
  const lines = [...new Set(here.map(r => r.start.line + 1))].join(t.lineSep[locale]);
  const md: string[] = [];
  md.push(`**${escapeMarkdown(entity.text)}** · ${typeLabel[entity.type][locale]}`);
  if (entity.role) md.push(t.role[locale] + escapeMarkdown(entity.role));
  if (entity.hierarchy?.length) md.push(t.hierarchy[locale] + entity.hierarchy.map(escapeMarkdown).join(' › '));
  md.push(t.count[locale](here.length, lines));
  if (others.length) {
    const ranked = [...others].sort((a, b) => b.ranges.length - a.ranges.length);
    const shown = ranked.slice(0, MAX_OTHER_PAGES).map(m => `${escapeMarkdown(pageName(m.uri, roots))} (${t.times[locale](m.ranges.length)})`);
    if (others.length > MAX_OTHER_PAGES) shown.push(`… +${others.length - MAX_OTHER_PAGES}`);
    md.push(t.others[locale] + shown.join(t.lineSep[locale]));
  } else {
    md.push(t.none[locale]);
  }
  return { contents: { kind: MarkupKind.Markdown, value: md.join('\n\n') }, range: entity.range };
}
