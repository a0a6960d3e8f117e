// The server's stdio transport: how messages become bytes on stdout, and where console output
// goes instead. vscode-languageserver's own `--stdio` wiring has no say in the encoding, so
// server.ts builds the connection from these when the client starts it with `--stdio`.
//
// Why an encoder of our own: a 1 MB page has ~15,000 diagnostics, 4 MB of JSON, sent whole on
// every keystroke. The library's encoder stringifies and UTF-8-encodes all of it each time
// (~25 ms), though a keystroke changes the diagnostics of one piece of the page only: the others
// are the same objects as before (features/diagnostics.ts). This one keeps the bytes of each
// diagnostic and copies them into place, and makes the same message in ~5 ms.
import { format } from 'node:util';
import type { ContentTypeEncoder, Message, RemoteConsole } from 'vscode-languageserver/node';

const PUBLISH_DIAGNOSTICS = 'textDocument/publishDiagnostics';
/**
 * Shorter lists are stringified whole, as the library does. A page with fewer diagnostics is
 * small enough to be analysed whole (a 23k-character page has ~940; engine/pieces.ts cuts pages
 * past 40k characters): its diagnostics are all new objects after every edit, nothing is sent
 * twice, and stringifying the list takes ~2 ms — less than keeping track of what was sent.
 */
const REUSED_FROM = 2000;

/**
 * The UTF-8 JSON of diagnostics, by object, kept for deep-frozen plain data only: its JSON cannot
 * change, so a kept text is never stale (features/diagnostics.ts freezes what it makes).
 */
const texts = new WeakMap<object, Buffer>();
/** Diagnostics sent once and not kept (see `partsOf` for when they are). */
const sentOnce = new WeakSet<object>();

/**
 * A message as UTF-8 JSON, byte for byte `Buffer.from(JSON.stringify(message))` — the library's
 * own encoding — but with the diagnostics of a `publishDiagnostics` notification copied from
 * their kept texts where they have one.
 */
export function encodeMessage(message: Message): Buffer {
  const diagnostics = publishedDiagnostics(message);
  const parts = diagnostics && diagnostics.length >= REUSED_FROM ? partsOf(diagnostics) : undefined;
  if (!parts) return Buffer.from(JSON.stringify(message), 'utf8');
  const { params } = message as unknown as { params: object };
  // `diagnostics` is the last key of `params`, itself the last of the message (checked by
  // publishedDiagnostics): with an empty list in its place the text ends `[]}}`, and the list's
  // items go between the brackets.
  const frame = JSON.stringify({ ...message, params: { ...params, diagnostics: [] } });
  const head = Buffer.from(frame.slice(0, -3), 'utf8');
  const tail = Buffer.from(frame.slice(-3), 'utf8');
  let size = head.length + tail.length + Math.max(parts.length - 1, 0);
  for (const part of parts) size += part.length;
  const out = Buffer.allocUnsafe(size);
  out.set(head, 0);
  let at = head.length;
  for (let i = 0; i < parts.length; i++) {
    if (i > 0) out[at++] = COMMA;
    out.set(parts[i], at);
    at += parts[i].length;
  }
  out.set(tail, at);
  return out;
}

/** The library's writer takes the encoder as an option (`MessageWriterOptions.contentTypeEncoder`). */
export const jsonEncoder: ContentTypeEncoder = {
  name: 'application/json',
  encode: (message, options) => {
    try {
      // The library's default encoder honours the charset; only UTF-8 gets the kept texts.
      const charset = options.charset as string;
      return Promise.resolve(charset === 'utf-8' || charset === 'utf8' ? encodeMessage(message) : Buffer.from(JSON.stringify(message), options.charset));
    } catch (error) {
      return Promise.reject(error);
    }
  },
};

/**
 * The diagnostics of a `publishDiagnostics` notification shaped as the library makes it — plain
 * objects, `params` the message's last key and `diagnostics` the last of `params` — or undefined.
 */
function publishedDiagnostics(message: Message): unknown[] | undefined {
  const m = message as { method?: unknown; params?: unknown };
  if (m.method !== PUBLISH_DIAGNOSTICS || !isPlainObject(m) || !isPlainObject(m.params)) return undefined;
  const params = m.params as { diagnostics?: unknown };
  if (!Array.isArray(params.diagnostics) || lastKey(m) !== 'params' || lastKey(params) !== 'diagnostics') return undefined;
  return params.diagnostics;
}

/**
 * The list's JSON as non-empty parts to be joined by commas: kept texts, and the items of each
 * run of diagnostics without one, stringified together (as fast as stringifying them with the
 * whole list). Undefined if an item would stringify otherwise in a run than in the whole list
 * (a `toJSON` is passed the item's index).
 *
 * Which new diagnostics are kept: when the list holds diagnostics sent before, it is a large page's
 * after an edit, and its new ones — the edited piece's, or those an added line moved down — will
 * be sent again on the next keystroke: all are kept at once. A list with none sent before is a
 * page just opened, or one analysed whole (a page too large for pieces, engine/degraded.ts),
 * whose diagnostics are all new objects every time: they are only marked, and kept if sent again.
 */
function partsOf(diagnostics: readonly unknown[]): Buffer[] | undefined {
  const n = diagnostics.length;
  const kept = new Array<Buffer | undefined>(n);
  let sentBefore = false;
  for (let i = 0; i < n; i++) {
    const d = diagnostics[i];
    if (typeof d !== 'object' || d === null) continue;
    kept[i] = texts.get(d);
    sentBefore ||= kept[i] !== undefined || sentOnce.has(d);
  }
  const parts: Buffer[] = [];
  for (let i = 0; i < n;) {
    const text = kept[i];
    if (text) {
      parts.push(text);
      i++;
      continue;
    }
    // A run of diagnostics without a kept text, all to be kept now or none.
    const keep = sentBefore && isFrozenData(diagnostics[i]);
    let end = i + 1;
    while (end < n && !kept[end] && keep === (sentBefore && isFrozenData(diagnostics[end]))) end++;
    const run = diagnostics.slice(i, end);
    if (!keep) {
      for (const d of run) {
        if ((typeof d !== 'object' && typeof d !== 'function') || d === null) continue;
        if (typeof (d as { toJSON?: unknown }).toJSON === 'function') return undefined;
        sentOnce.add(d);
      }
    }
    const list = Buffer.from(JSON.stringify(run), 'utf8');
    if (keep) keepTexts(run as object[], list);
    parts.push(list.subarray(1, -1));
    i = end;
  }
  return parts;
}

/** Keeps the text of each item of `run`, cut from `list`, the run's JSON. */
function keepTexts(run: readonly object[], list: Buffer): void {
  const items = itemsOf(list, run.length);
  if (items) run.forEach((d, i) => texts.set(d, items[i]));
}

const QUOTE = 0x22, BACKSLASH = 0x5c, COMMA = 0x2c;
const OPEN_BRACE = 0x7b, CLOSE_BRACE = 0x7d, OPEN_BRACKET = 0x5b, CLOSE_BRACKET = 0x5d;

/**
 * The texts of the items of a JSON list of objects and lists, as views into it; undefined if it
 * does not hold `count` of them. Cut at the commas outside strings and brackets: UTF-8 encodes
 * every character beyond ASCII in bytes ≥ 0x80, never mistaken for a quote or a bracket.
 * Stringifying the items one by one instead costs twice what stringifying the list does.
 */
function itemsOf(list: Buffer, count: number): Buffer[] | undefined {
  const items = new Array<Buffer>(count);
  let k = 0, depth = 0, start = 1;
  for (let i = 1; i < list.length - 1; i++) {
    const c = list[i];
    if (c === QUOTE) {
      for (i++; i < list.length && list[i] !== QUOTE; i++) if (list[i] === BACKSLASH) i++;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth++;
    } else if ((c === CLOSE_BRACE || c === CLOSE_BRACKET) && --depth === 0) {
      if (k === count) return undefined;
      items[k++] = list.subarray(start, i + 1);
      start = i + 2;
    }
  }
  return k === count ? items : undefined;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype && !Object.hasOwn(v, 'toJSON');
}

function lastKey(o: object): string | undefined {
  const keys = Object.keys(o);
  return keys[keys.length - 1];
}

/**
 * Deep-frozen plain objects and lists of strings, finite numbers, booleans and null: data whose
 * JSON can never change and is the same on its own as inside a list. (Getters are not looked
 * for, which would cost more than the rest: nothing that sends diagnostics makes any.)
 */
function isFrozenData(v: unknown): v is object {
  if (typeof v !== 'object' || v === null || !Object.isFrozen(v)) return false;
  if (Array.isArray(v)) return v.every(isFrozenValue);
  if (Object.getPrototypeOf(v) !== Object.prototype) return false;
  // Plain objects inherit no enumerable keys: for-in walks their own, without an array of them.
  for (const key in v) {
    if (key === 'toJSON' || !isFrozenValue((v as Record<string, unknown>)[key])) return false;
  }
  return true;
}

function isFrozenValue(x: unknown): boolean {
  if (typeof x === 'object') return x === null || isFrozenData(x);
  return typeof x === 'string' || typeof x === 'boolean' || (typeof x === 'number' && Number.isFinite(x));
}

/**
 * Console output sent to the client as log messages, as vscode-languageserver does for its own
 * `--stdio` connection: on stdout it would be read as the start of a message and break the stream.
 * (Node's `console.count`, `assert` and `trace` write through these.)
 */
export function routeConsole(remote: RemoteConsole): void {
  const to = (send: (message: string) => void) => (...args: unknown[]) => send(format(...args));
  console.log = to(m => remote.log(m));
  console.debug = to(m => remote.log(m));
  console.info = to(m => remote.info(m));
  console.warn = to(m => remote.warn(m));
  console.error = to(m => remote.error(m));
  console.dir = (value: unknown) => remote.log(format('%O', value));
}
