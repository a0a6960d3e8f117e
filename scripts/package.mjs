// `npm run package`: builds jiaodui-<version>.vsix with @vscode/vsce from a staging folder
// (out/vsix) holding only what the extension needs at run time: the bundled client and server
// (dist/server.js, the entry that runs the LSP wiring dist/lsp.js, and the engine the wiring
// loads after `initialize`, dist/engine.js),
// jieba's dictionaries (dist/dict, copied there by esbuild.mjs), the data packages the engine
// requires on first use (dist/vendor: division table, OpenCC, iconv-lite), the committed models
// (dist/models, copied from models/ by esbuild.mjs), the rule docs, grammar, l10n,
// README/CHANGELOG/LICENSE/icon. No native code: segmentation is TypeScript over jieba's
// dictionary (server/src/language/segmenter.ts), so one package serves every platform.
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

fs.rmSync(stage, { recursive: true, force: true });
fs.mkdirSync(stage, { recursive: true });
const copy = (from, to = from) => {
  const src = path.join(root, from);
  if (!fs.existsSync(src)) throw new Error(`missing ${from}: run \`npm run build\` first?`);
  fs.cpSync(src, path.join(stage, to), { recursive: true });
};

for (const f of ['dist/client.js', 'dist/server.js', 'dist/lsp.js', 'dist/engine.js', 'dist/dict', 'dist/vendor', 'dist/models', 'README.md', 'CHANGELOG.md', 'LICENSE', 'images/icon.png',
  'language-configuration.json', 'syntaxes', 'docs/rules', 'l10n', 'package.nls.json', 'package.nls.zh-cn.json']) copy(f);

// The manifest without scripts and dependencies: everything is bundled, and vsce must not run
// npm in the staging folder.
const { scripts: _s, dependencies: _d, devDependencies: _dd, allowScripts: _a, bin: _b, ...published } = manifest;
fs.writeFileSync(path.join(stage, 'package.json'), JSON.stringify(published, null, 2));

fs.writeFileSync(path.join(stage, '.vscodeignore'), '**/*.map\n');

const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', out], { cwd: stage, stdio: 'inherit' });
console.log(`packaged ${path.relative(root, out)}`);
