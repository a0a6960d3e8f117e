// Runs the built command line (dist/cli.js) as a child process, as a user or the evaluation does.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const root = path.join(__dirname, '..', '..');
export const cliPath = path.join(root, 'dist', 'cli.js');
export const seed = 'seeds/000_386ae1f4641b9e07.txt';
export const seedText = () => fs.readFileSync(path.join(root, seed), 'utf8');

export interface Run { code: number | null; stdout: string; stderr: string }

/**
 * Runs that read only the seed pages give the same result every time: they are run once per test
 * run and shared (each costs a dictionary load), runs on temporary files always run.
 */
const memo = new Map<string, Run>();

export function jiaodui(args: string[], opts: { cwd?: string } = {}): Run {
  const key = JSON.stringify([args, opts.cwd]);
  const pure = !args.includes('--write') && args.every(a => a.startsWith('-') || !a.includes(path.sep) || a.startsWith('seeds/'));
  if (pure && memo.has(key)) return memo.get(key)!;
  const r = run(args, opts);
  if (pure) memo.set(key, r);
  return r;
}

function run(args: string[], opts: { cwd?: string }): Run {
  const r = spawnSync(process.execPath, [cliPath, ...args], { cwd: opts.cwd ?? root, encoding: 'utf8', maxBuffer: 1 << 28 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Builds dist/ once per test run. */
let built = false;
export function build(): void {
  if (built) return;
  const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) {
    // Another entry point (server, client) failing to compile must not hide the CLI's own tests:
    // build the command line's two entries alone, with the same options as esbuild.mjs.
    const fallback = `
      const esbuild = require('esbuild');
      const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, external: ['vscode', 'nodejs-jieba'], logLevel: 'error' };
      Promise.all([
        esbuild.build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' }),
        esbuild.build({ ...common, entryPoints: ['server/src/cli/worker.ts'], outfile: 'dist/worker.js' }),
      ]).catch(e => { console.error(e.message); process.exit(1); });`;
    const f = spawnSync(process.execPath, ['-e', fallback], { cwd: root, encoding: 'utf8' });
    if (f.status !== 0) throw new Error(`build failed:\n${r.stderr}\n${f.stderr}`);
  }
  built = true;
}

export function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'jiaodui-cli-'));
}

export function json<T = any>(r: Run): T {
  try {
    return JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(`not JSON (exit ${r.code}): ${r.stdout.slice(0, 300)}\n${r.stderr.slice(0, 300)}`);
  }
}

export const isRange = (r: any) =>
  r && Number.isInteger(r.start?.line) && Number.isInteger(r.start?.character) && Number.isInteger(r.end?.line) && Number.isInteger(r.end?.character) &&
  (r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character));

/** Whether `range` lies inside the text (0-based lines, UTF-16 characters). */
export function inside(text: string, r: any): boolean {
  const lines = text.split(/\r?\n/);
  const ok = (p: any) => p.line >= 0 && p.line < lines.length && p.character >= 0 && p.character <= lines[p.line].length;
  return ok(r.start) && ok(r.end);
}
