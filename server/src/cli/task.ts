// One file, start to finish: read, decode, analyse, (for `fix --write`) write back, and render
// the file's chunk of the report. The same functions run in the main thread and in each worker
// thread (archives); what crosses the thread boundary is the chunk's bytes and a few counts.
import * as fs from 'node:fs';
import { outermost } from '../entities/merge';
import { analyzeDocument } from '../engine/pieced';
import { fixDocument } from '../engine/fix';
import { decode, encode } from './encoding';
import type { Formatter } from './format';
import { msg } from './messages';
import { outlineOf } from './outline';
import { plainEntity, plainFinding, type FileReport, type FileResult, type Job } from './results';
import { readWithSnapshot, writeIfUnchanged } from './write';

/**
 * Largest file read whole. Files above the streaming threshold (16 MB, stream.ts) never come
 * here; this only stops one that grew after it was routed from being read into one string: V8
 * caps strings at 2^29 UTF-16 units, and decoding needs the bytes and the text at once.
 */
const MAX_FILE_BYTES = 256 << 20;

const utf8 = new TextEncoder();

/**
 * `processFile`, rendered. The bytes are TextEncoder's, in an ArrayBuffer of their own (never a
 * slice of Buffer's shared pool), so a worker can transfer them to the main thread without a copy.
 */
export function reportFile(job: Job, render: Formatter['render']): FileReport {
  const result = processFile(job);
  if (result.kind === 'error') return result;
  const { text, tally } = render(result);
  return { path: result.path, kind: 'report', chars: result.chars, bytes: utf8.encode(text), tally };
}

export function processFile(job: Job): FileResult {
  const { path, locale } = job;
  const error = (message: string): FileResult => ({ path, kind: 'error', message });

  let read: ReturnType<typeof readWithSnapshot>;
  try {
    if (fs.statSync(path).size > MAX_FILE_BYTES) return error(msg.tooLarge(path, MAX_FILE_BYTES >> 20)[locale]);
    read = readWithSnapshot(path, job.command === 'fix' && job.write);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return error(code === 'ENOENT' ? msg.notFound(path)[locale] : msg.readFailed(path, code ?? (e as Error).message)[locale]);
  }
  const decoded = decode(read.bytes);
  read.bytes = Buffer.alloc(0); // the text is all we need from here on; let the bytes go
  if (!decoded.ok) return error((decoded.reason === 'binary' ? msg.binary(path) : msg.undecodable(path))[locale]);
  const { text, encoding } = decoded;
  const chars = text.length;

  try {
    switch (job.command) {
      case 'lint': {
        const { findings, notice } = analyzeDocument(text, { locale, rules: job.rules, entities: false });
        return { path, kind: 'lint', chars, diagnostics: findings.map(plainFinding), ...(notice ? { notice } : {}) };
      }
      case 'outline': {
        const { page, notice } = analyzeDocument(text, { locale, rules: job.rules, entities: false });
        return { path, kind: 'outline', chars, articles: outlineOf(page), ...(notice ? { notice } : {}) };
      }
      case 'entities': {
        const { entities, notice } = analyzeDocument(text, { locale, rules: job.rules, entities: true });
        // Page order, whatever order the recognisers found them in: diffs of two runs stay readable.
        const sorted = outermost(entities).sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
        return { path, kind: 'entities', chars, entities: sorted.map(plainEntity), ...(notice ? { notice } : {}) };
      }
      case 'fix': {
        const fixed = fixDocument(text, { locale, rules: job.rules });
        if (!job.write) return { path, kind: 'fix', chars, applied: fixed.applied, passes: fixed.passes, written: false, output: fixed.text };
        if (fixed.text === text) return { path, kind: 'fix', chars, applied: 0, passes: 0, written: false };
        let outcome;
        try {
          outcome = writeIfUnchanged(path, read.snapshot, encode(fixed.text, encoding));
        } catch (e) {
          return error(msg.writeFailed(path, (e as NodeJS.ErrnoException).code ?? (e as Error).message)[locale]);
        }
        if (outcome === 'changed-on-disk') return error(msg.changedOnDisk(path)[locale]);
        return { path, kind: 'fix', chars, applied: fixed.applied, passes: fixed.passes, written: true };
      }
    }
  } catch (e) {
    // An analysis bug must cost one file, not the whole archive run.
    // One line for a person; the stack trace for whoever debugs the analysis.
    const why = process.env.JIAODUI_DEBUG ? (e as Error)?.stack ?? String(e) : (e as Error)?.message?.split('\n')[0] ?? String(e);
    return error(msg.analysisFailed(path, why)[locale]);
  }
}
