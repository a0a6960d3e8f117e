// Files of typed arrays behind a JSON header, written by the build and read back as views of one
// buffer: the dictionary table (lexicon.ts, dist/dict/jieba.table) and the gazetteer's index
// (gazetteer.ts, dist/dict/gazetteer.index). Loading one is a file read, where rebuilding it is
// hundreds of milliseconds of cold code.
//
// Layout: a magic line naming the format, the header's length (u32 LE), the header (JSON), padding;
// then the arrays, each at a multiple of ALIGN. Arrays are in the machine's byte order as written;
// the header records that order, and a file of the other order, or another magic, reads as none.
import * as fs from 'node:fs';

export type TypedArray = Uint16Array | Uint32Array | Int32Array | Float64Array | Uint8Array;

/**
 * Arrays sit at multiples of a cache line in the file (and so in the buffer it is read into, which
 * a large read allocates page-aligned): a 32-byte hash slot then never straddles two lines.
 */
const ALIGN = 64;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

const ARRAY_TYPES: Record<string, new (buffer: ArrayBufferLike, offset: number, length: number) => TypedArray> = {
  Uint16Array, Uint32Array, Int32Array, Float64Array, Uint8Array,
};

interface Layout {
  littleEndian: boolean;
  arrays: { name: string; type: string; offset: number; length: number }[];
}

/** Writes `header` and `arrays` to `file` (through a temporary file, renamed when complete). */
export function writeSnapshot(file: string, magic: string, header: object, arrays: readonly (readonly [string, TypedArray])[]): void {
  const entries: Layout['arrays'] = [];
  let offset = 0;
  for (const [name, a] of arrays) {
    entries.push({ name, type: a.constructor.name, offset, length: a.length });
    offset += Math.ceil(a.byteLength / ALIGN) * ALIGN;
  }
  const json = Buffer.from(JSON.stringify({ ...header, littleEndian: LITTLE_ENDIAN, arrays: entries }));
  const head = Buffer.alloc(Math.ceil((magic.length + 4 + json.length) / ALIGN) * ALIGN);
  head.write(magic, 0, 'latin1');
  head.writeUInt32LE(json.length, magic.length);
  json.copy(head, magic.length + 4);
  const fd = fs.openSync(`${file}.tmp`, 'w');
  try {
    fs.writeSync(fd, head);
    for (const [, a] of arrays) {
      fs.writeSync(fd, new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
      const pad = Math.ceil(a.byteLength / ALIGN) * ALIGN - a.byteLength;
      if (pad) fs.writeSync(fd, Buffer.alloc(pad));
    }
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(`${file}.tmp`, file);
}

/**
 * The header and arrays of a snapshot's `bytes`, the arrays as views of them (of a copy when the
 * buffer is not 8-byte aligned); undefined when the bytes are not a snapshot of format `magic` in
 * this machine's byte order, or are cut short.
 */
export function readSnapshot<H extends object>(bytes: Buffer, magic: string): { header: H; arrays: Map<string, TypedArray> } | undefined {
  try {
    if (bytes.length < magic.length + 4 || bytes.toString('latin1', 0, magic.length) !== magic) return undefined;
    const jsonLength = bytes.readUInt32LE(magic.length);
    const header = JSON.parse(bytes.toString('utf8', magic.length + 4, magic.length + 4 + jsonLength)) as H & Layout;
    if (header.littleEndian !== LITTLE_ENDIAN) return undefined;
    const base = Math.ceil((magic.length + 4 + jsonLength) / ALIGN) * ALIGN;
    const data = bytes.byteOffset % 8 === 0 ? bytes : Buffer.from(bytes);
    const arrays = new Map<string, TypedArray>();
    for (const a of header.arrays) {
      const Type = ARRAY_TYPES[a.type];
      if (!Type) return undefined;
      const size = (Type as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
      if (base + a.offset + a.length * size > data.length) return undefined;
      arrays.set(a.name, new Type(data.buffer, data.byteOffset + base + a.offset, a.length));
    }
    return { header, arrays };
  } catch {
    return undefined;
  }
}
