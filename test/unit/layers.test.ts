// The server's folders are layers (README, Architecture): a module imports from its own folder or
// from a folder below it, never from one above, and the two front ends (lsp/, cli/) never from
// each other. Read from the source's own import statements, so a change that makes an arrow run
// back up fails here, naming the file and what it imports.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const src = path.join(__dirname, '..', '..', 'server', 'src');
/** Bottom to top; folders on one level may not import each other. */
const LAYERS: string[][] = [['core'], ['language'], ['page'], ['entities'], ['rules'], ['engine'], ['lsp', 'cli']];
const level = new Map(LAYERS.flatMap((names, i) => names.map(n => [n, i] as [string, number])));

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

/** Relative module specifiers a file imports or re-exports (type-only imports included: they are arrows too). */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/^(?:import|export)\b[^'"]*?from\s+['"](\.{1,2}\/[^'"]+)['"]/gm)].map(m => m[1]);
}

const folderOf = (file: string) => path.relative(src, file).split(path.sep)[0];

describe('the server\'s layers', () => {
  const files = sources(src);

  it('put every module of server/src in a known layer', () => {
    const unknown = files.filter(f => !level.has(folderOf(f))).map(f => path.relative(src, f));
    assert.deepEqual(unknown, []);
  });

  it('have no import from a lower layer to a higher one, nor between the two front ends', () => {
    const wrong: string[] = [];
    for (const file of files) {
      const from = folderOf(file);
      for (const spec of importsOf(file)) {
        const target = path.resolve(path.dirname(file), spec);
        if (!target.startsWith(src + path.sep)) continue; // shared/protocol.ts, package.json: below every layer
        const to = folderOf(target);
        if (to === from) continue;
        if (!level.has(to) || level.get(to)! >= level.get(from)!) wrong.push(`${path.relative(src, file)} → ${spec}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('sees the imports it judges (a layer above reads the ones below)', () => {
    const engineImports = files.filter(f => folderOf(f) === 'engine').flatMap(importsOf);
    assert.ok(engineImports.some(s => s.startsWith('../rules')), 'engine runs the rules');
    assert.ok(engineImports.some(s => s.startsWith('../page')), 'engine builds pages');
  });
});
