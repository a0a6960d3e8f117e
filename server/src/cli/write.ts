// Writing a fixed page back without ever clobbering someone else's edit: the file must still be
// exactly what was read (mtime, size and content hash), and the new bytes replace it atomically.
import type * as Crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** What a file looked like when it was read. */
export interface Snapshot {
  mtimeMs: number;
  size: number;
  sha256: string;
}

/**
 * A file's bytes and what it looked like. `withHash` false (nothing will be written back: lint,
 * outline, entities, fix to stdout) skips the content hash, which `writeIfUnchanged` compares:
 * `sha256` is then empty, and hashing every page of an archive run bought nothing.
 */
export function readWithSnapshot(file: string, withHash = true): { bytes: Buffer; snapshot: Snapshot } {
  const fd = fs.openSync(file, 'r');
  try {
    // fstat on the open descriptor: the stats belong to the bytes read, not to a later rename.
    const st = fs.fstatSync(fd);
    const bytes = fs.readFileSync(fd);
    return { bytes, snapshot: { mtimeMs: st.mtimeMs, size: st.size, sha256: withHash ? hash(bytes) : '' } };
  } finally {
    fs.closeSync(fd);
  }
}

/** SHA-256 of `bytes`, hex; node:crypto is loaded by the first run that writes, not by every thread. */
export const hash = (bytes: Uint8Array) => (require('node:crypto') as typeof Crypto).createHash('sha256').update(bytes).digest('hex');

export type WriteOutcome = 'written' | 'changed-on-disk';

/**
 * Replaces `file` with `bytes` unless it changed since `snapshot`. The new content goes to a
 * temporary file in the same folder that is then renamed over the original, so a crash or a full
 * disk leaves either the old page or the new one, never half of each. The mode bits are kept.
 * The check and the rename are not one atomic step (no portable file API offers that); the window
 * between them is a few system calls, against the seconds an analysis takes.
 */
export function writeIfUnchanged(file: string, snapshot: Snapshot, bytes: Uint8Array): WriteOutcome {
  let current: { bytes: Buffer; snapshot: Snapshot };
  try {
    current = readWithSnapshot(file);
  } catch {
    return 'changed-on-disk';
  }
  const now = current.snapshot;
  if (now.mtimeMs !== snapshot.mtimeMs || now.size !== snapshot.size || now.sha256 !== snapshot.sha256) return 'changed-on-disk';

  // A symlinked page is updated at its target, so the link survives the rename.
  const target = fs.realpathSync(file);
  const mode = fs.statSync(target).mode & 0o7777;
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.jiaodui-${process.pid}-${Date.now().toString(36)}.tmp`);
  try {
    fs.writeFileSync(tmp, bytes, { mode, flag: 'wx' });
    fs.renameSync(tmp, target);
  } catch (e) {
    try { fs.unlinkSync(tmp); } catch { /* never created */ }
    throw e;
  }
  return 'written';
}
