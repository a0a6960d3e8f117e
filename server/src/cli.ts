// The command line: the same analysis as the language server, another front end.
//   jiaodui lint|fix|outline|entities [--format text|json|sarif] PATH...
// Exit codes: 0 nothing found, 1 `lint` found problems, 2 usage or I/O error (any file).
import { tuneForBatch } from './cli/tuning';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { version } from '../../package.json';
import { parseArgs } from './cli/args';
import { collectInputs } from './cli/files';
import { createFormatter, type FormatContext } from './cli/format';
import { help } from './cli/messages';
import { runInProcess, runInWorkers, type RunSpec, type Sink } from './cli/pool';
import { Progress } from './cli/progress';
import { isStreamed, streamFile, streamThreshold } from './cli/stream';
import type { Input } from './cli/files';

/** Below this many files the main thread alone is faster: a worker's start is not paid back. */
const MIN_FILES_FOR_WORKERS = 4;

/**
 * Cores one analysing thread keeps busy: V8 compiles and collects garbage on threads of its own,
 * and a single-threaded run used 1.25–1.3 cores here (user CPU ÷ wall). Threads by default are
 * the cores divided by that — on 2 cores one: two threads were slower than one on every archive
 * measured (20 files 0.66–0.79 s against 0.41–0.55, 380 files / 5 MB 2.5–3.0 s against
 * 2.3–2.7), and only broke even at 20 MB. `--jobs` overrides it.
 */
const CORES_PER_THREAD = 1.3;

/** The progress bar is for runs long enough to wonder about; a handful of pages finish first. */
const MIN_FILES_FOR_PROGRESS = 21;

async function main(argv: readonly string[]): Promise<number> {
  tuneForBatch();
  const parsed = parseArgs(argv);
  if (parsed.kind === 'help') { process.stdout.write(help[parsed.locale]); return 0; }
  if (parsed.kind === 'version') { process.stdout.write(`${version}\n`); return 0; }
  if (parsed.kind === 'error') {
    process.stderr.write(`jiaodui: ${parsed.message}\n${parsed.locale === 'zh' ? '用法见 jiaodui --help' : 'see jiaodui --help'}\n`);
    return 2;
  }
  const options = parsed.options;
  const inputs = collectInputs(options.paths);
  const fileCount = inputs.filter(i => !i.error).length;
  const threshold = streamThreshold();
  const streamed = inputs.map(i => !i.error && isStreamed(i.path, threshold));

  const stdout = process.stdout;
  const { command, format, locale, write } = options;
  // Only what rendering needs: worker threads get a copy of it.
  const formatContext: FormatContext = { options: { command, format, locale, write }, fileCount, color: !!stdout.isTTY && !process.env.NO_COLOR, version };
  const formatter = createFormatter(formatContext);
  const progress = new Progress(inputs.length, process.stderr, options.progress && !!process.stderr.isTTY && fileCount >= MIN_FILES_FOR_PROGRESS);
  const errors: string[] = [];
  let problems = false;

  const print = (...chunks: (string | Uint8Array)[]): void | Promise<void> => {
    let full = false;
    for (const chunk of chunks) {
      if (!chunk.length) continue;
      if (stdout.isTTY) progress.clear();
      if (!stdout.write(chunk)) full = true;
    }
    if (full) return new Promise(resolve => stdout.once('drain', resolve));
  };
  // A file's report comes rendered, as bytes (cli/pool.ts): this thread adds what goes before
  // it (separators, which depend on the files before) and writes both as they are.
  const sink: Sink = report => {
    if (report.kind === 'error') {
      progress.clear();
      process.stderr.write(`jiaodui: ${report.message}\n`);
      errors.push(report.message);
      progress.tick(0);
      return;
    }
    if (report.tally.problems) problems = true;
    progress.tick(report.chars);
    return print(formatter.before(report.tally, !report.bytes.length), report.bytes);
  };

  const template = { command, locale, rules: options.rules, write };
  const run: RunSpec = { template, format: formatContext };
  /**
   * A file too large to hold whole (cli/stream.ts), in the main thread: its pieces are printed
   * as they are done, so it cannot share stdout with the pool's files; input order is kept by
   * running the files before it, then it, then the files after it.
   */
  const stream = async (input: Input): Promise<void> => {
    let opened = false;
    const end = await streamFile({ ...template, path: input.path }, {
      open: () => { opened = true; return print(formatter.open(input.path)); },
      part: part => print(formatter.part(input.path, part)),
    });
    if ('message' in end) {
      // Failed mid-way (changed on disk, analysis error): close the entry so the output stays valid.
      if (opened) await print(formatter.close({ path: input.path, kind: options.command, chars: 0, items: 0, applied: 0, passes: 0, written: false }));
      return sink(end);
    }
    if (end.kind === 'lint' && end.items) problems = true;
    progress.tick(end.chars);
    await print(formatter.close(end));
  };

  await print(formatter.begin());
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const pooled = inputs.filter((input, i) => !input.error && !streamed[i]).length;
  const threads = Math.min(options.jobs ?? (pooled >= MIN_FILES_FOR_WORKERS ? Math.max(1, Math.floor(cores / CORES_PER_THREAD)) : 1), pooled);
  const workerFile = path.join(__dirname, 'worker.js');
  for (let i = 0; i < inputs.length;) {
    if (streamed[i]) { await stream(inputs[i++]); continue; }
    let j = i;
    while (j < inputs.length && !streamed[j]) j++;
    const batch = inputs.slice(i, j);
    i = j;
    // Run from source (tsx) there is no bundled worker: one thread does the whole job.
    if (threads > 1 && batch.length > 1 && fs.existsSync(workerFile)) await runInWorkers(batch, run, sink, workerFile, Math.min(threads, batch.length));
    else await runInProcess(batch, run, sink);
  }
  progress.clear();
  await print(formatter.end(errors));

  return errors.length ? 2 : problems ? 1 : 0;
}

// A closed pipe (`jiaodui lint dir | head`) is the reader's choice, not an error worth a trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

main(process.argv.slice(2)).then(
  code => { process.exitCode = code; },
  e => {
    process.stderr.write(`jiaodui: ${(e as Error)?.stack ?? String(e)}\n`);
    process.exitCode = 2;
  },
);
