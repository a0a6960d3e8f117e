// Files too large to hold whole: read as a stream, decoded incrementally, cut into pieces as the
// editor cuts a long page (engine/pieces.ts), each piece analysed in full with its ranges
// shifted to the file's lines, and every piece's results printed before the next is read. Memory
// stays flat however large the file: at most one piece of text, its analysis and one read chunk.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { iconvLite } from '../core/iconv';
import { analyze } from '../engine/analyze';
import { PieceCutter, shiftFinding, shiftRange, type Piece } from '../engine/pieces';
import { decode, encode, type Encoding } from './encoding';
import { fixDocument } from '../engine/fix';
import { msg } from './messages';
import { outlineOf, type OutlineArticle } from './outline';
import { plainEntity, plainFinding, type FileResult, type Job, type StreamEnd, type StreamPart } from './results';
import { outermost } from '../entities/merge';

/**
 * Files of at least this many bytes are streamed: cut into ~64k-character pieces, each given the
 * full analysis. A file read whole above the full-analysis size (MAX_FULL_CHARS, 500k characters
 * ≈ 1.5 MB of UTF-8 Chinese) would only get the degraded analysis (cheap rules, see
 * engine/degraded.ts), which exists for the editor's latency — irrelevant to a command line —
 * and memory grows with a file read whole, so the CLI streams from 512 kB (≈ 170k characters)
 * on. Memory: read whole, `lint --format json` peaks at 360 MB for 8 MB, 660 MB for 16 MB, 1.9 GB
 * for 50 MB; streamed it is flat at about 440 MB (the dictionary and one piece's analysis)
 * whatever the size. `JIAODUI_STREAM_BYTES` overrides the threshold (tests); it is capped at
 * 256 MB, beyond which a whole-file read risks V8's string limit.
 */
const DEFAULT_STREAM_BYTES = 512 << 10;
const MAX_WHOLE_FILE_BYTES = 256 << 20;

export function streamThreshold(): number {
  const v = Number(process.env.JIAODUI_STREAM_BYTES);
  return Number.isInteger(v) && v > 0 ? Math.min(v, MAX_WHOLE_FILE_BYTES) : DEFAULT_STREAM_BYTES;
}

/**
 * A file's size in bytes, 0 when it cannot be read (reading it reports why): files from
 * `streamThreshold()` on are streamed, and the rest sets the number of threads (cli.ts).
 */
export function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

// ---- moving a piece's results to the file's lines ---------------------------------------------

function shiftArticle(a: OutlineArticle, piece: Piece): OutlineArticle {
  return {
    ...a,
    headlineRange: a.headlineRange && shiftRange(a.headlineRange, piece),
    range: shiftRange(a.range, piece),
    bylines: a.bylines.map(b => ({ ...b, range: shiftRange(b.range, piece) })),
    sections: a.sections.map(s => ({ ...s, range: shiftRange(s.range, piece) })),
  };
}

// ---- reading ---------------------------------------------------------------------------------

/** Bytes read at a time; also the size of the head the encoding is detected from. */
const CHUNK_BYTES = 1 << 20;

const BOM_BYTES: Record<Encoding['name'], number> = { 'utf-8': 3, 'utf-16le': 2, 'utf-16be': 2, gb18030: 0 };
const bomLength = (e: Encoding) => (e.bom ? BOM_BYTES[e.name] : 0);

/** Same bound as encoding.ts: stray C0 controls beyond 1% of the text mean binary data. */
const MAX_CONTROL_SHARE = 0.01;

/** An incremental decoder that throws on bytes invalid in the encoding (as the whole-file decode refuses them). */
function streamDecoder(e: Encoding): { write(b: Uint8Array): string; end(): string } {
  let d: { decode(b?: Uint8Array, o?: { stream?: boolean }): string } | undefined;
  try {
    d = new TextDecoder(e.name, { fatal: true, ignoreBOM: true });
  } catch {
    // Node built without full ICU has no GB18030 TextDecoder: iconv-lite's, which substitutes
    // U+FFFD for invalid sequences — refused, as encoding.ts refuses them.
  }
  if (d) {
    const fatal = (f: () => string) => { try { return f(); } catch { throw new DecodeError(e.name); } };
    return { write: b => fatal(() => d!.decode(b, { stream: true })), end: () => fatal(() => d!.decode()) };
  }
  const g = iconvLite().getDecoder(e.name);
  const check = (s: string) => { if (s.includes('\ufffd')) throw new DecodeError(e.name); return s; };
  return { write: b => check(g.write(Buffer.from(b))), end: () => check(g.end() ?? '') };
}

/**
 * The encoding, read from the file's head with the whole-file logic (encoding.ts). The head is
 * cut after its last line feed so no character is split (0x0A is never part of a multi-byte
 * UTF-8 or GB18030 character; in UTF-16 the cut is after a whole LF unit); a head with no line
 * feed is tried with up to three bytes of a split character dropped.
 */
function detect(head: Buffer, whole: boolean): ReturnType<typeof decode> {
  if (whole) return decode(head);
  const cut = afterLastLineFeed(head);
  if (cut > 0) return decode(head.subarray(0, cut));
  const full = decode(head);
  for (let drop = 1; !full.ok && drop <= 3; drop++) {
    const d = decode(head.subarray(0, head.length - drop));
    if (d.ok) return d;
  }
  return full;
}

/** Offset just past the head's last line feed, 0 when it has none. */
function afterLastLineFeed(head: Buffer): number {
  const le = head[0] === 0xff && head[1] === 0xfe, be = head[0] === 0xfe && head[1] === 0xff;
  if (!le && !be) return head.lastIndexOf(0x0a) + 1;
  // UTF-16 after its BOM: code units at even offsets, LF is 0A 00 (LE) or 00 0A (BE).
  for (let i = head.length - 2 - (head.length % 2); i >= 2; i -= 2) {
    if (le ? head[i] === 0x0a && head[i + 1] === 0 : head[i] === 0 && head[i + 1] === 0x0a) return i + 2;
  }
  return 0;
}

/** Bytes the encoding does not allow (as opposed to an analysis error). */
class DecodeError extends Error {}
/** The file could not be read (as opposed to an analysis error). */
class ReadError extends Error {
  constructor(readonly cause: unknown) { super(String(cause)); }
}

async function* chunks(fd: number, start: number): AsyncGenerator<Buffer> {
  const stream = fs.createReadStream('', { fd, start, autoClose: false, highWaterMark: CHUNK_BYTES });
  const it = stream[Symbol.asyncIterator]();
  for (;;) {
    let r: IteratorResult<Buffer>;
    try { r = await it.next(); } catch (e) { throw new ReadError(e); }
    if (r.done) return;
    yield r.value;
  }
}

interface Validated { encoding: Encoding; chars: number; sha256: string; mtimeMs: number; size: number }

/**
 * First pass: the whole file must decode in the encoding its head shows, without NULs and with
 * few controls — checked before any output, so a file that turns out to be binary or mojibake
 * at 150 MB is refused with nothing printed or written, like a small one. Reading is cheap next
 * to the analysis (a 200 MB file decodes in about a second), so the file is simply read twice.
 * The content hash taken here guards `fix --write`.
 */
async function validate(fd: number): Promise<Validated | 'binary' | 'undecodable'> {
  const st = fs.fstatSync(fd);
  const head = Buffer.alloc(Math.min(CHUNK_BYTES, st.size));
  const got = head.length ? fs.readSync(fd, head, 0, head.length, 0) : 0;
  const probe = detect(head.subarray(0, got), got >= st.size);
  if (!probe.ok) return probe.reason;
  const encoding = probe.encoding;
  const decoder = streamDecoder(encoding);
  const sha = createHash('sha256');
  let chars = 0, controls = 0;
  /** Counts the text's controls; true on a NUL, which no text file holds. */
  const scan = (text: string): boolean => {
    chars += text.length;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0) return true;
      if (c < 0x20 && c !== 9 && c !== 10 && c !== 12 && c !== 13) controls++;
    }
    return false;
  };
  sha.update(head.subarray(0, Math.min(got, bomLength(encoding))));
  try {
    for await (const chunk of chunks(fd, bomLength(encoding))) {
      sha.update(chunk);
      if (scan(decoder.write(chunk))) return 'binary';
    }
    if (scan(decoder.end())) return 'binary';
  } catch (e) {
    if (e instanceof DecodeError) return 'undecodable';
    throw e instanceof ReadError ? e.cause : e;
  }
  if (controls > Math.max(1, chars * MAX_CONTROL_SHARE)) return 'binary';
  return { encoding, chars, sha256: sha.digest('hex'), mtimeMs: st.mtimeMs, size: st.size };
}

/** Streams `file` through a hash: the guard's view of the file now, without holding it. */
async function snapshotNow(file: string): Promise<{ sha256: string; mtimeMs: number; size: number } | undefined> {
  let fd: number;
  try { fd = fs.openSync(file, 'r'); } catch { return undefined; }
  try {
    const st = fs.fstatSync(fd);
    const sha = createHash('sha256');
    for await (const chunk of chunks(fd, 0)) sha.update(chunk);
    return { sha256: sha.digest('hex'), mtimeMs: st.mtimeMs, size: st.size };
  } catch {
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}

// ---- the streamed file -----------------------------------------------------------------------

export interface StreamOutput {
  /** Called once, before the first part, only when the file decodes (an undecodable file prints nothing). */
  open(): void | Promise<void>;
  part(part: StreamPart): void | Promise<void>;
}

/**
 * Processes one large file piece by piece, handing each piece's results to `out` as it is done
 * (awaiting `out` applies stdout's backpressure, so reading waits for the terminal or pipe).
 * Returns the totals, or an error (after `open`, only when the file changed or failed mid-way).
 * `fix --write` writes the fixed pieces to a temporary file beside the original, in its encoding
 * with its BOM, and renames it over the original only if the file is still what was read.
 */
export async function streamFile(job: Job, out: StreamOutput): Promise<StreamEnd | FileResult & { kind: 'error' }> {
  const { path: file, locale } = job;
  const error = (message: string) => ({ path: file, kind: 'error' as const, message });
  const ioError = (e: unknown) => {
    const code = (e as NodeJS.ErrnoException).code;
    return error(code === 'ENOENT' ? msg.notFound(file)[locale] : msg.readFailed(file, code ?? (e as Error).message)[locale]);
  };

  let fd: number;
  try { fd = fs.openSync(file, 'r'); } catch (e) { return ioError(e); }
  let tmp: { path: string; fd: number; target: string } | undefined;
  try {
    let checked: Awaited<ReturnType<typeof validate>>;
    try { checked = await validate(fd); } catch (e) { return ioError(e); }
    if (checked === 'binary') return error(msg.binary(file)[locale]);
    if (checked === 'undecodable') return error(msg.undecodable(file)[locale]);
    const { encoding } = checked;

    if (job.command === 'fix' && job.write) {
      try {
        // A symlinked page is updated at its target, so the link survives the rename (as write.ts).
        const target = fs.realpathSync(file);
        const mode = fs.statSync(target).mode & 0o7777;
        const tmpPath = path.join(path.dirname(target), `.${path.basename(target)}.jiaodui-${process.pid}-${Date.now().toString(36)}.tmp`);
        tmp = { path: tmpPath, fd: fs.openSync(tmpPath, 'wx', mode), target };
        fs.writeSync(tmp.fd, encode('', encoding)); // the BOM, if the original has one
      } catch (e) {
        return error(msg.writeFailed(file, (e as NodeJS.ErrnoException).code ?? (e as Error).message)[locale]);
      }
    }

    await out.open();
    const end: StreamEnd = { path: file, kind: job.command, chars: 0, items: 0, applied: 0, passes: 0, written: false };
    const handle = async (piece: Piece): Promise<void> => {
      end.chars += piece.text.length;
      const options = { locale, rules: job.rules };
      switch (job.command) {
        case 'lint': {
          const diagnostics = analyze(piece.text, { ...options, entities: false }).findings.map(f => shiftFinding(plainFinding(f), piece));
          end.items += diagnostics.length;
          if (diagnostics.length) await out.part({ kind: 'lint', diagnostics });
          return;
        }
        case 'outline': {
          const articles = outlineOf(analyze(piece.text, { ...options, entities: false }).page).map(a => shiftArticle(a, piece));
          end.items += articles.length;
          if (articles.length) await out.part({ kind: 'outline', articles });
          return;
        }
        case 'entities': {
          const found = analyze(piece.text, { ...options, entities: true }).entities;
          const entities = outermost(found)
            .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character)
            .map(e => ({ ...plainEntity(e), range: shiftRange(e.range, piece) }));
          end.items += entities.length;
          if (entities.length) await out.part({ kind: 'entities', entities });
          return;
        }
        case 'fix': {
          const fixed = fixDocument(piece.text, options);
          end.applied += fixed.applied;
          end.passes = Math.max(end.passes, fixed.passes);
          if (tmp) fs.writeSync(tmp.fd, encode(fixed.text, encoding).subarray(bomLength(encoding)));
          else await out.part({ kind: 'fix', output: fixed.text });
          return;
        }
      }
    };

    const decoder = streamDecoder(encoding);
    const cutter = new PieceCutter();
    try {
      for await (const chunk of chunks(fd, bomLength(encoding))) {
        for (const piece of cutter.push(decoder.write(chunk))) await handle(piece);
      }
      for (const piece of [...cutter.push(decoder.end()), ...cutter.end()]) await handle(piece);
    } catch (e) {
      if (e instanceof DecodeError) return error(msg.changedOnDisk(file)[locale]); // decoded in the first pass, not now
      if (e instanceof ReadError) return ioError(e.cause);
      const why = process.env.JIAODUI_DEBUG ? (e as Error)?.stack ?? String(e) : (e as Error)?.message?.split('\n')[0] ?? String(e);
      return error(msg.analysisFailed(file, why)[locale]);
    }

    if (tmp) {
      fs.closeSync(tmp.fd);
      tmp.fd = -1;
      if (end.applied) {
        const now = await snapshotNow(file);
        if (!now || now.sha256 !== checked.sha256 || now.size !== checked.size || now.mtimeMs !== checked.mtimeMs) return error(msg.changedOnDisk(file)[locale]);
        try {
          fs.renameSync(tmp.path, tmp.target);
        } catch (e) {
          return error(msg.writeFailed(file, (e as NodeJS.ErrnoException).code ?? (e as Error).message)[locale]);
        }
        tmp = undefined;
        end.written = true;
      }
    }
    return end;
  } finally {
    fs.closeSync(fd);
    if (tmp) {
      if (tmp.fd >= 0) try { fs.closeSync(tmp.fd); } catch { /* already closed */ }
      try { fs.unlinkSync(tmp.path); } catch { /* never created */ }
    }
  }
}
