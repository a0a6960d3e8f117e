// Bundles the three entry points. nodejs-jieba stays external: it is a native (N-API) module
// that loads its own dictionaries from its package folder; `vscode` is provided by the host.
import * as esbuild from 'esbuild';
import fs from 'node:fs';

const watch = process.argv.includes('--watch');
const entries = {
  server: 'server/src/server.ts',
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
const builds = Object.entries(entries)
  .filter(([, src]) => fs.existsSync(src))
  .map(([name, src]) => ({ ...common, entryPoints: [src], outfile: `dist/${name}.js` }));

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
  console.log('esbuild: watching', builds.map(b => b.outfile).join(', '));
} else {
  await Promise.all(builds.map(b => esbuild.build(b)));
}
