// Bundles the entry points. nodejs-jieba stays external: it is a native (N-API) module that
// loads its own dictionaries from its package folder; `vscode` is provided by the host.
// The language server is three files: dist/server.js (the process entry, main.ts), which runs
// dist/lsp.js (LSP wiring, server.ts: what must compile before `initialize` is answered) through
// a V8 code cache, and dist/engine.js (analysis and features), which the wiring requires at run
// time — never inlined, or the engine's compile time is back in cold start.
import * as esbuild from 'esbuild';
import fs from 'node:fs';

const watch = process.argv.includes('--watch');
const entries = {
  server: 'server/src/main.ts',
  lsp: 'server/src/server.ts',
  engine: 'server/src/engine.ts',
  client: 'client/src/extension.ts',
  cli: 'server/src/cli.ts',
  worker: 'server/src/worker.ts',
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
/** Keeps the wiring's `require('./engine.js')` a run-time require of the sibling bundle. */
const engineOutside = {
  name: 'engine-outside',
  setup(build) {
    build.onResolve({ filter: /^\.\/engine(\.js)?$/ }, () => ({ path: './engine.js', external: true }));
  },
};
const builds = Object.entries(entries)
  .filter(([, src]) => fs.existsSync(src))
  .map(([name, src]) => ({ ...common, entryPoints: [src], outfile: `dist/${name}.js`, ...(name === 'lsp' ? { plugins: [engineOutside] } : {}) }));

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
  console.log('esbuild: watching', builds.map(b => b.outfile).join(', '));
} else {
  await Promise.all(builds.map(b => esbuild.build(b)));
}
