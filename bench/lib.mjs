// Shared pieces of the benchmark: the texts it runs on, statistics, timing and process memory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The seed pages (real raw OCR pages), in name order. */
export function seedPages() {
  const dir = path.join(root, 'seeds');
  return fs.readdirSync(dir).filter(f => f.endsWith('.txt')).sort()
    .map(f => ({ name: f, text: fs.readFileSync(path.join(dir, f), 'utf8') }));
}

/** All seeds concatenated, one blank line between pages: the "long page" (~20k characters). */
export function longPage(seeds = seedPages()) {
  return seeds.map(s => s.text.replace(/\s+$/, '')).join('\n\n') + '\n';
}

/** The long page repeated until the file is at least `bytes` of UTF-8. */
export function repeatedPage(bytes, long = longPage()) {
  const parts = [];
  let size = 0;
  while (size < bytes) { parts.push(long); size += Buffer.byteLength(long) + 1; }
  return parts.join('\n');
}

export const median = xs => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Nearest-rank percentile. */
export const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};

export const ms = () => performance.now();

/** Wall time of `fn()` in milliseconds. */
export function time(fn) {
  const t0 = ms();
  fn();
  return ms() - t0;
}

export function cores() {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/** Resident and peak resident set size of a process in MB (Linux /proc), or undefined. */
export function rssOf(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = key => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
    return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}

export function machine() {
  const cpus = os.cpus();
  return {
    cores: cores(),
    cpu: cpus[0]?.model ?? 'unknown',
    memoryGB: +(os.totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    platform: `${process.platform} ${os.release()}`,
    loadavg: os.loadavg().map(x => +x.toFixed(2)),
  };
}

export const sleep = n => new Promise(resolve => setTimeout(resolve, n));
