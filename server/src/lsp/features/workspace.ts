// The other pages of an archive: open documents first, then `.txt` files under the workspace
// folders, listed lazily on the first request that needs them and re-read only when changed.
// Used for "other pages mentioning this entity", references and workspace symbols.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildPiecedPage } from '../../engine/pieced';
import type { Page } from '../../page/model';
import type { Range } from '../../core/types';
import { cjkRatio, MIN_CJK_RATIO } from './selection';

export interface PageText { uri: string; text: string }

/**
 * Bounds on a scan: an archive folder of a year of dailies is a few thousand pages; beyond that a
 * hover would wait on the disk, so the scan stops and the archive is searched partially.
 */
const MAX_FILES = 5000;
/** Directory entries looked at before the walk stops (a workspace opened on a home folder). */
const MAX_ENTRIES = 50_000;
/** Files larger than this are not OCR pages (a page is 5–30 kB). */
const MAX_FILE_BYTES = 2_000_000;
/** How long a folder listing is trusted before it is listed again. */
const LISTING_TTL_MS = 10_000;
const SKIP_DIRS = new Set(['node_modules', 'dist', 'out', '.git', '.vscode-test', '.code-server']);

interface DiskPage { mtimeMs: number; size: number; text: string | undefined; page?: Page }

export class WorkspacePages {
  private roots: string[] = [];
  private listing: { at: number; files: string[] } | undefined;
  private readonly disk = new Map<string, DiskPage>();
  private readonly openPages = new Map<string, { version: number; page: Page }>();

  constructor(private readonly openDocuments: () => Iterable<{ uri: string; version: number; getText(): string }>) {}

  /** Workspace folder URIs, as given by the client. */
  rootUris: readonly string[] = [];

  setRoots(uris: readonly string[]): void {
    this.rootUris = uris;
    this.roots = uris.flatMap(u => { try { return [fileURLToPath(u)]; } catch { return []; } });
    this.listing = undefined;
  }

  /** Forget a file's cached content (after a watched-file change). */
  invalidate(uri?: string): void {
    if (!uri) { this.listing = undefined; this.disk.clear(); return; }
    try { this.disk.delete(fileURLToPath(uri)); } catch { /* not a file URI */ }
    this.listing = undefined;
  }

  /** Every Chinese page in the workspace, open documents' current text taking precedence. */
  pages(): PageText[] {
    const out: PageText[] = [];
    const seen = new Set<string>();
    for (const d of this.openDocuments()) {
      const text = d.getText();
      if (cjkRatio(text) < MIN_CJK_RATIO) continue;
      out.push({ uri: d.uri, text });
      seen.add(d.uri);
    }
    for (const file of this.files()) {
      const uri = pathToFileURL(file).href;
      if (seen.has(uri)) continue;
      const text = this.read(file)?.text;
      if (text !== undefined) out.push({ uri, text });
    }
    return out;
  }

  /** The page model of a workspace page (cached per version / mtime). */
  page(p: PageText): Page {
    const open = [...this.openDocuments()].find(d => d.uri === p.uri);
    if (open) {
      const cached = this.openPages.get(p.uri);
      if (cached && cached.version === open.version) return cached.page;
      const page = buildPiecedPage(p.text);
      this.openPages.set(p.uri, { version: open.version, page });
      return page;
    }
    try {
      const entry = this.read(fileURLToPath(p.uri));
      if (entry && entry.text === p.text) return (entry.page ??= buildPiecedPage(p.text));
    } catch { /* fall through */ }
    return buildPiecedPage(p.text);
  }

  private files(): string[] {
    if (this.listing && Date.now() - this.listing.at < LISTING_TTL_MS) return this.listing.files;
    const files: string[] = [];
    let seen = 0;
    const walk = (dir: string) => {
      if (files.length >= MAX_FILES || seen >= MAX_ENTRIES) return;
      let entries: fs.Dirent[];
      try { entries = fs.readdirSync(dir, { withFileTypes: true }); } catch { return; }
      for (const e of entries) {
        if (files.length >= MAX_FILES || ++seen >= MAX_ENTRIES) return;
        if (e.isDirectory()) { if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) walk(path.join(dir, e.name)); }
        else if (e.isFile() && e.name.endsWith('.txt')) files.push(path.join(dir, e.name));
      }
    };
    for (const root of this.roots) walk(root);
    this.listing = { at: Date.now(), files };
    return files;
  }

  private read(file: string): DiskPage | undefined {
    let stat: fs.Stats;
    try { stat = fs.statSync(file); } catch { this.disk.delete(file); return undefined; }
    const cached = this.disk.get(file);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached;
    let text: string | undefined;
    if (stat.size <= MAX_FILE_BYTES) {
      try { text = fs.readFileSync(file, 'utf8'); } catch { text = undefined; }
      if (text !== undefined && cjkRatio(text) < MIN_CJK_RATIO) text = undefined;
    }
    const entry: DiskPage = { mtimeMs: stat.mtimeMs, size: stat.size, text };
    this.disk.set(file, entry);
    return entry;
  }
}

/** Every occurrence of `word` in `text`, as single-line ranges. */
export function occurrences(text: string, word: string): Range[] {
  const out: Range[] = [];
  if (!word) return out;
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((line, i) => {
    for (let at = line.indexOf(word); at >= 0; at = line.indexOf(word, at + word.length)) {
      out.push({ start: { line: i, character: at }, end: { line: i, character: at + word.length } });
    }
  });
  return out;
}
