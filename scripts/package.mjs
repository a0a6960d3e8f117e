// `npm run package`: builds jiaodui-<version>.vsix with @vscode/vsce from a staging folder
// (out/vsix) holding only what the extension needs at run time: the bundled client and server
// (dist/server.js, the entry that runs the LSP wiring dist/lsp.js, and the engine the wiring
// loads after `initialize`, dist/engine.js),
// the rule docs, grammar, l10n, README/CHANGELOG/LICENSE/icon, and the one native module
// esbuild cannot bundle — nodejs-jieba (linux-x64 build) with its dictionaries.
//
// vsce never packs a top-level node_modules when dependencies are off, so nodejs-jieba goes to
// native/node_modules/, which the client puts on NODE_PATH for the server process. Its run-time
// use of @mapbox/node-pre-gyp is only `find()` (where is the .node file?); a five-line stub
// answers that instead of shipping node-pre-gyp and node-gyp with all their dependencies.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

//   node scripts/package.mjs [--out FILE.vsix] [--stage DIR]    (the tests package into a temp dir)
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = flag => { const i = process.argv.indexOf(flag); return i > 0 ? path.resolve(process.argv[i + 1]) : undefined; };
const stage = arg('--stage') ?? path.join(root, 'out', 'vsix');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const out = arg('--out') ?? path.join(root, `${manifest.name}-${manifest.version}.vsix`);

if (process.platform !== 'linux' || process.arch !== 'x64') {
  console.warn(`warning: packaging the ${process.platform}-${process.arch} build of nodejs-jieba (the issue targets linux-x64)`);
}

fs.rmSync(stage, { recursive: true, force: true });
fs.mkdirSync(stage, { recursive: true });
const copy = (from, to = from) => {
  const src = path.join(root, from);
  if (!fs.existsSync(src)) throw new Error(`missing ${from}: run \`npm run build\` first?`);
  fs.cpSync(src, path.join(stage, to), { recursive: true });
};

for (const f of ['dist/client.js', 'dist/server.js', 'dist/lsp.js', 'dist/engine.js', 'README.md', 'CHANGELOG.md', 'LICENSE', 'images/icon.png',
  'language-configuration.json', 'syntaxes', 'docs/rules', 'l10n', 'package.nls.json', 'package.nls.zh-cn.json']) copy(f);

// The manifest without scripts and dependencies: everything is bundled, and vsce must not run
// npm in the staging folder.
const { scripts: _s, dependencies: _d, devDependencies: _dd, allowScripts: _a, bin: _b, ...published } = manifest;
fs.writeFileSync(path.join(stage, 'package.json'), JSON.stringify(published, null, 2));

const jieba = path.join(root, 'node_modules', 'nodejs-jieba');
const target = path.join(stage, 'native', 'node_modules', 'nodejs-jieba');
for (const f of ['package.json', 'LICENSE', 'dist/index.cjs', 'dict', 'build/Release/jieba.node']) {
  fs.cpSync(path.join(jieba, f), path.join(target, f), { recursive: true });
}
const stub = path.join(stage, 'native', 'node_modules', '@mapbox', 'node-pre-gyp');
fs.mkdirSync(stub, { recursive: true });
fs.writeFileSync(path.join(stub, 'package.json'), JSON.stringify({ name: '@mapbox/node-pre-gyp', version: '0.0.0-jiaodui', main: 'index.js' }));
fs.writeFileSync(path.join(stub, 'index.js'), `// Stub: nodejs-jieba only asks where its prebuilt binding is.
const path = require('node:path');
exports.find = packageJson => path.join(path.dirname(packageJson), 'build', 'Release', 'jieba.node');
`);
fs.writeFileSync(path.join(stage, '.vscodeignore'), '**/*.map\n');

const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--target', 'linux-x64', '--out', out], { cwd: stage, stdio: 'inherit' });
console.log(`packaged ${path.relative(root, out)}`);
