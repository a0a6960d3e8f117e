// Which files a command line names: files as given, folders walked recursively for *.txt.
// Only paths are collected (an archive of thousands of pages is a few hundred kB of names); texts
// are read one at a time by whoever analyses them.
import * as fs from 'node:fs';
import * as path from 'node:path';

export type Input = { path: string; error?: undefined } | { path: string; error: 'not-found' | 'unreadable'; detail?: string };

const isPage = (name: string) => /\.txt$/i.test(name);

/** Files in command-line order; inside a folder, sorted by name so runs are reproducible. */
export function collectInputs(paths: readonly string[]): Input[] {
  const out: Input[] = [];
  for (const p of paths) {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch (e) {
      out.push({ path: p, error: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'not-found' : 'unreadable', detail: (e as Error).message });
      continue;
    }
    if (st.isDirectory()) walk(p, out, new Set());
    else out.push({ path: p });
  }
  return out;
}

function walk(dir: string, out: Input[], seen: Set<string>): void {
  // Symlinked folders are followed once: the real path guards against cycles.
  let real: string;
  try { real = fs.realpathSync(dir); } catch (e) { out.push({ path: dir, error: 'unreadable', detail: (e as Error).message }); return; }
  if (seen.has(real)) return;
  seen.add(real);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    out.push({ path: dir, error: 'unreadable', detail: (e as Error).message });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    // Hidden folders (.git, editor state) and dependency trees are never newspaper pages.
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const full = path.join(dir, e.name);
    let isDir = e.isDirectory(), isFile = e.isFile();
    if (e.isSymbolicLink()) {
      try { const st = fs.statSync(full); isDir = st.isDirectory(); isFile = st.isFile(); } catch { continue; }
    }
    if (isDir) walk(full, out, seen);
    else if (isFile && isPage(e.name)) out.push({ path: full });
  }
}
