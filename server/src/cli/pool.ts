// Runs jobs in the main thread or across worker threads and hands their reports back in input
// order, as soon as each one's turn comes. Each thread renders the files it analysed (task.ts's
// `reportFile`): what comes back is a file's chunk of stdout as bytes, which this thread only
// writes. At most `window` files are in flight or waiting to be printed, so memory stays flat
// however large the archive.
import { Worker } from 'node:worker_threads';
import { shareDictionary, type SharedDictionary } from '../language/dictionary';
import type { Input } from './files';
import { createFormatter, type FormatContext } from './format';
import { msg } from './messages';
import type { FileReport, Job } from './results';
import { reportFile } from './task';

export type JobTemplate = Omit<Job, 'path'>;

/** What every file of a run shares: what to do with it and how to print it. Workers get it once. */
export interface RunSpec { template: JobTemplate; format: FormatContext }

export type Sink = (report: FileReport) => void | Promise<void>;

function inputError(input: Input & { error: string }, t: JobTemplate): FileReport {
  const text = input.error === 'not-found' ? msg.notFound(input.path) : msg.readFailed(input.path, input.detail ?? input.error);
  return { path: input.path, kind: 'error', message: text[t.locale] };
}

export async function runInProcess(inputs: readonly Input[], run: RunSpec, sink: Sink): Promise<void> {
  const { render } = createFormatter(run.format);
  for (const input of inputs) await sink(input.error ? inputError(input, run.template) : reportFile({ ...run.template, path: input.path }, render));
}

/** The worker's data (worker.ts). */
export interface WorkerData { run: RunSpec }
/**
 * A worker's first message: the shared dictionary (none when it could not be loaded here). It
 * comes after the worker was started, so that the worker's own start (~0.1 s: a Node environment
 * of its own, the bundle) overlaps this thread's reading of the dictionary (~60 ms).
 */
export interface Setup { dictionary?: SharedDictionary }
/** One file for a worker; the rest of its job is the run's (WorkerData). */
export interface Request { id: number; path: string }
/** A report's bytes come with the message, transferred rather than copied. */
export interface Reply { id: number; report: FileReport }

/**
 * Files a worker holds at once: the one it analyses and the next ones, queued in its port. With
 * one at a time, a worker that finished a file waited for this thread to hand it the next — and
 * this thread, busy with a file of its own or with printing, took up to a file's analysis to do
 * so: on the 5 MB archive with 2 threads the worker sat idle 0.9 s of 2.8.
 */
const PER_WORKER = 4;

/**
 * Worker-thread pool: `threads` − 1 workers and this thread analyse one file at a time each. The
 * dictionary is loaded once, here, and shared with the workers (its table on SharedArrayBuffers).
 * Files are handed out in input order, and a file whose worker dies is reported as an error and
 * the worker replaced, so one crash costs one file (the files queued behind it go to others).
 */
export async function runInWorkers(inputs: readonly Input[], run: RunSpec, sink: Sink, workerFile: string, threads: number): Promise<void> {
  const t = run.template;
  const { render } = createFormatter(run.format);
  // Eight files per thread in flight keeps every thread busy while results wait for their turn
  // behind a long file (two per thread left workers idle ~10% of the run).
  const window = threads * 8;
  const results = new Map<number, FileReport>();
  /** Files each worker holds, oldest (the one it analyses) first. */
  const busy = new Map<Worker, number[]>();
  /** Files a dead worker held behind the one it died on: handed out again first. */
  const again: number[] = [];
  let next = 0, emitted = 0, draining = false, failed: unknown;
  let finish!: () => void, abort!: (e: unknown) => void;
  const done = new Promise<void>((resolve, reject) => { finish = resolve; abort = reject; });

  /** The shared dictionary, once loaded (`setUp`); null: it could not be. */
  let dictionary: SharedDictionary | null | undefined;
  /** Workers that said they are ready (worker.ts, once its dictionary is in place). */
  const ready = new WeakSet<Worker>();
  const setUp = (w: Worker) => w.postMessage({ dictionary: dictionary ?? undefined } satisfies Setup);
  const spawn = () => {
    const w = new Worker(workerFile, { workerData: { run } satisfies WorkerData });
    if (dictionary !== undefined) setUp(w);
    w.on('message', (reply: Reply | { ready: true }) => {
      if ('ready' in reply) { ready.add(w); return; }
      const held = busy.get(w);
      if (held) held.splice(held.indexOf(reply.id), 1);
      results.set(reply.id, reply.report);
      pump();
    });
    w.on('error', err => {
      const held = busy.get(w) ?? [];
      busy.delete(w);
      void w.terminate();
      if (!ready.has(w)) {
        // Died before it was ready: workers cannot start (missing bundle, no dictionary).
        // Retrying would loop; carry on with the workers that did start, or give up.
        if (!busy.size) { abort(err); return; }
        again.push(...held);
        pump();
        return;
      }
      if (!held.length) return;
      const [id, ...queued] = held;
      results.set(id, { path: inputs[id].path, kind: 'error', message: msg.analysisFailed(inputs[id].path, String(err))[t.locale] });
      again.push(...queued);
      spawn();
      pump();
    });
    busy.set(w, []);
  };

  // The main thread analyses files too, one at a time between handling the workers' messages:
  // it would otherwise sit idle while N workers compete for N cores with it and with V8's helper
  // threads. With `threads` = 2 that is the main thread and one worker.
  let localBusy = false;
  const runLocally = (id: number, input: Input) => {
    localBusy = true;
    setImmediate(() => {
      results.set(id, reportFile({ ...t, path: input.path }, render));
      localBusy = false;
      pump();
    });
  };

  /** The worker holding the fewest files, if one holds fewer than PER_WORKER. */
  const leastBusy = (): Worker | undefined => {
    let best: Worker | undefined, load = PER_WORKER;
    for (const [w, held] of busy) if (held.length < load) { best = w; load = held.length; }
    return best;
  };

  const dispatch = () => {
    for (;;) {
      const retry = again.length > 0;
      if (!retry && !(next < inputs.length && next - emitted < window)) return;
      const id = retry ? again[0] : next;
      const input = inputs[id];
      const w = input.error ? undefined : leastBusy();
      if (!input.error && !w && localBusy) return; // every thread has its hands full
      if (retry) again.shift(); else next++;
      if (input.error) results.set(id, inputError(input, t));
      else if (w) {
        busy.get(w)!.push(id);
        w.postMessage({ id, path: input.path } satisfies Request);
      } else runLocally(id, input);
    }
  };

  // Prints every result whose turn has come; awaiting the sink applies stdout's backpressure.
  const pump = () => {
    if (draining) return;
    draining = true;
    void (async () => {
      try {
        for (;;) {
          dispatch();
          const r = results.get(emitted);
          if (!r) break;
          results.delete(emitted++);
          await sink(r);
        }
      } catch (e) {
        failed = e;
      }
      draining = false;
      if (failed !== undefined) abort(failed);
      else if (emitted === inputs.length) finish();
    })();
  };

  for (let i = 0; i < threads - 1; i++) spawn();
  try {
    dictionary = shareDictionary();
  } catch {
    // No dictionary: each worker reports it per file, with the file's name (worker.ts).
    dictionary = null;
  }
  for (const w of busy.keys()) setUp(w);
  pump();
  try {
    await done;
  } finally {
    await Promise.all([...busy.keys()].map(w => w.terminate()));
  }
}
