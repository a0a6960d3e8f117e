// Runs jobs in the main thread or across worker threads and hands results back in input order,
// as soon as each one's turn comes. At most `window` files are in flight or waiting to be
// printed, so memory stays flat however large the archive.
import { Worker } from 'node:worker_threads';
import { shareDictionary, type SharedDictionary } from '../analysis/lexicon';
import type { Input } from './files';
import { msg } from './messages';
import { processFile, type FileResult, type Job } from './task';

export type JobTemplate = Omit<Job, 'path'>;
export type Sink = (result: FileResult) => void | Promise<void>;

function inputError(input: Input & { error: string }, t: JobTemplate): FileResult {
  const text = input.error === 'not-found' ? msg.notFound(input.path) : msg.readFailed(input.path, input.detail ?? input.error);
  return { path: input.path, kind: 'error', message: text[t.locale] };
}

export async function runInProcess(inputs: readonly Input[], t: JobTemplate, sink: Sink): Promise<void> {
  for (const input of inputs) await sink(input.error ? inputError(input, t) : processFile({ ...t, path: input.path }));
}

interface Request { id: number; job: Job }
interface Reply { id: number; result: FileResult }

/**
 * Worker-thread pool: `threads` − 1 workers and this thread analyse one file at a time each. The
 * dictionary is loaded once, here, and shared with the workers (its table on SharedArrayBuffers).
 * Files are handed out in input order, and a file whose worker dies is reported as an error and
 * the worker replaced, so one crash costs one file.
 */
export async function runInWorkers(inputs: readonly Input[], t: JobTemplate, sink: Sink, workerFile: string, threads: number): Promise<void> {
  // Eight files per thread in flight keeps every thread busy while results wait for their turn
  // behind a long file (two per thread left workers idle ~10% of the run).
  const window = threads * 8;
  const results = new Map<number, FileResult>();
  const busy = new Map<Worker, number>();
  const idle: Worker[] = [];
  let next = 0, emitted = 0, draining = false, failed: unknown;
  let finish!: () => void, abort!: (e: unknown) => void;
  const done = new Promise<void>((resolve, reject) => { finish = resolve; abort = reject; });

  let dictionary: SharedDictionary | undefined;
  try {
    dictionary = shareDictionary();
  } catch {
    // No dictionary: each worker reports it per file, with the file's name (worker.ts).
  }
  const spawn = () => {
    const w = new Worker(workerFile, { workerData: { dictionary } });
    w.on('message', (reply: Reply) => {
      busy.delete(w);
      results.set(reply.id, reply.result);
      idle.push(w);
      pump();
    });
    w.on('error', err => {
      const id = busy.get(w);
      busy.delete(w);
      const at = idle.indexOf(w);
      if (at >= 0) idle.splice(at, 1);
      void w.terminate();
      if (id === undefined) {
        // Died before taking a file: it cannot start (missing bundle, no dictionary). Retrying
        // would loop; carry on with the workers that did start, or give up if none did.
        if (!idle.length && !busy.size) abort(err);
        return;
      }
      results.set(id, { path: inputs[id].path, kind: 'error', message: msg.analysisFailed(inputs[id].path, String(err))[t.locale] });
      spawn();
      pump();
    });
    idle.push(w);
  };

  // The main thread analyses files too, one at a time between handling the workers' messages:
  // it would otherwise sit idle while N workers compete for N cores with it and with V8's helper
  // threads. With `threads` = 2 that is the main thread and one worker.
  let localBusy = false;
  const runLocally = (id: number, input: Input) => {
    localBusy = true;
    setImmediate(() => {
      results.set(id, processFile({ ...t, path: input.path }));
      localBusy = false;
      pump();
    });
  };

  const dispatch = () => {
    while (next < inputs.length && next - emitted < window) {
      const input = inputs[next];
      if (input.error) { results.set(next++, inputError(input, t)); continue; }
      const w = idle.pop();
      if (!w) {
        if (!localBusy) runLocally(next++, input);
        break;
      }
      busy.set(w, next);
      w.postMessage({ id: next, job: { ...t, path: input.path } } satisfies Request);
      next++;
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
  pump();
  try {
    await done;
  } finally {
    await Promise.all([...idle, ...busy.keys()].map(w => w.terminate()));
  }
}
