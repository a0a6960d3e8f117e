// The command line: the same analysis as the language server, another front end.
//   jiaodui lint|fix|outline|entities [--format text|json|sarif] PATH...
//   jiaodui articles [--format md|json] PATH...
// Exit codes: 0 nothing found, 1 `lint` found problems, 2 usage or I/O error (any file).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { version } from '../../../package.json';
import { parseArgs } from './args';
import { runArticles } from './articles';
import { collectInputs } from './files';
import { createFormatter, type FormatContext } from './format';
import { help } from './messages';
import { runInProcess, runInWorkers, type RunSpec, type Sink } from './pool';
import { Progress } from './progress';
import { fileSize, streamFile, streamThreshold } from './stream';
import { tuneForBatch } from './tuning';
import type { Input } from './files';

/**
 * Pages (bytes) each thread must have to analyse for it to pay for itself. Every thread is a V8
 * isolate that compiles the analysis anew — ~0.9 s of CPU, the analysis of some 3 MB once
 * compiled — and a single thread already keeps ~1.3 cores busy (V8 compiles and collects garbage
 * on threads of its own). By default a run has one thread per this many bytes, up to one per
 * core. Measured on 2 cores (one thread / two): 20 files 0.35 / 0.45 s, 100 files (1.3 MB)
 * 0.72 / 0.77 s, 380 files (5 MB) 1.59 / 1.54 s, 1510 files (20 MB) 5.1 / 3.7 s. `--jobs`
 * overrides it.
 */
const BYTES_PER_THREAD = 2.5e6;

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
  if (parsed.kind === 'articles') return runArticles(parsed.options);
  const options = parsed.options;
  const inputs = collectInputs(options.paths);
  const fileCount = inputs.filter(i => !i.error).length;
  const threshold = streamThreshold();
  const sizes = inputs.map(i => (i.error ? 0 : fileSize(i.path)));
  const streamed = sizes.map(size => size >= threshold);

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
  const pooledBytes = sizes.reduce((n, size, i) => (streamed[i] ? n : n + size), 0);
  const threads = Math.min(options.jobs ?? Math.max(1, Math.min(cores, Math.floor(pooledBytes / BYTES_PER_THREAD))), pooled);
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
