#!/usr/bin/env node
// Builds models/glyph-neighbours.txt: for each common hanzi, the characters whose printed shapes
// look most alike, ranked by a bitmap similarity — the candidates an OCR misreading comes from
// (未/末, 日/曰, 己/已). The language model decides among them (server/src/language/glyphs.ts).
//
//   node scripts/build-glyphs.mjs [--font FILE] [--out FILE] [--check]
//
// - The characters: GB2312's 6,763 hanzi, decoded from the code table with iconv-lite (rows
//   0xB0-0xF7, cells 0xA1-0xFE), not typed in.
// - The shapes: AR PL UMing (Debian's fonts-arphic-uming), a Ming (Song) face like the body text of
//   newspapers, its first (simplified Chinese) face. The TrueType outlines are read and rasterised
//   here, in plain JavaScript (IEEE double arithmetic, integer blur kernels, no trigonometry), so
//   the result depends on the font file alone — not on FreeType's version or hinting.
// - The score: each glyph's ink box stretched to fill a 32x32 raster (as OCR normalises a
//   character's image; the shortest side counts as at least half an em, so 一 stays thin),
//   anti-aliased; its gradient split into four stroke orientations (the directional features
//   offline OCR classifies hanzi by), each plane blurred with binomial kernels; two glyphs compared
//   by the normalised correlation of their planes, the best over shifts of ±1 pixel. A coarse 8x8
//   signature picks each character's shortlist of 64 from all 23 M pairs first.
// - The output: one line per character, `char<TAB>neighbour score neighbour score …`, scores as
//   integer percent, best first, at most K neighbours above a floor. Deterministic: `--check`
//   rebuilds and compares with the committed file byte for byte (test/unit/glyphs.test.ts).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const iconv = require('iconv-lite');

const args = process.argv.slice(2);
const opt = (name, def) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : def; };
export const DEFAULT_FONT = '/usr/share/fonts/truetype/arphic/uming.ttc';
const FONT = opt('--font', DEFAULT_FONT);
const OUT = opt('--out', path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'models', 'glyph-neighbours.txt'));
const CHECK = args.includes('--check');

const SUB = 8; // vertical sub-samples per pixel row in the rasteriser (horizontal coverage is exact)

// ---------------------------------------------------------------- characters

/** GB2312's hanzi in code order (levels 1 and 2). */
export function gb2312Hanzi() {
  const out = [];
  for (let hi = 0xb0; hi <= 0xf7; hi++) {
    for (let lo = 0xa1; lo <= 0xfe; lo++) {
      const ch = iconv.decode(Buffer.from([hi, lo]), 'gb2312');
      if (ch.length === 1 && /\p{Script=Han}/u.test(ch)) out.push(ch);
    }
  }
  return out;
}

// ---------------------------------------------------------------- TrueType outlines

function fontFaces(buf) {
  if (buf.toString('latin1', 0, 4) !== 'ttcf') return [0];
  const n = buf.readUInt32BE(8);
  return Array.from({ length: n }, (_, i) => buf.readUInt32BE(12 + 4 * i));
}

export function openFont(file, face = 0) {
  const buf = fs.readFileSync(file);
  const base = fontFaces(buf)[face];
  const numTables = buf.readUInt16BE(base + 4);
  const tables = {};
  for (let i = 0; i < numTables; i++) {
    const r = base + 12 + 16 * i;
    tables[buf.toString('latin1', r, r + 4)] = { off: buf.readUInt32BE(r + 8), len: buf.readUInt32BE(r + 12) };
  }
  const head = tables.head.off;
  const upem = buf.readUInt16BE(head + 18);
  const longLoca = buf.readInt16BE(head + 50) === 1;
  const numGlyphs = buf.readUInt16BE(tables.maxp.off + 4);
  const loca = tables.loca.off;
  const glyf = tables.glyf.off;
  const glyphRange = g => longLoca
    ? [buf.readUInt32BE(loca + 4 * g), buf.readUInt32BE(loca + 4 * g + 4)]
    : [buf.readUInt16BE(loca + 2 * g) * 2, buf.readUInt16BE(loca + 2 * g + 2) * 2];

  // cmap: Windows Unicode, format 12 when present, else format 4.
  const cmap = tables.cmap.off;
  let sub4 = -1, sub12 = -1;
  for (let i = 0, n = buf.readUInt16BE(cmap + 2); i < n; i++) {
    const r = cmap + 4 + 8 * i;
    const pid = buf.readUInt16BE(r), eid = buf.readUInt16BE(r + 2), o = cmap + buf.readUInt32BE(r + 4);
    const fmt = buf.readUInt16BE(o);
    if (pid === 3 && eid === 10 && fmt === 12) sub12 = o;
    if (pid === 3 && eid === 1 && fmt === 4) sub4 = o;
  }
  function glyphIndex(cp) {
    if (sub12 >= 0) {
      const n = buf.readUInt32BE(sub12 + 12);
      for (let i = 0; i < n; i++) {
        const r = sub12 + 16 + 12 * i;
        const s = buf.readUInt32BE(r), e = buf.readUInt32BE(r + 4);
        if (cp >= s && cp <= e) return buf.readUInt32BE(r + 8) + cp - s;
      }
      return 0;
    }
    if (sub4 < 0 || cp > 0xffff) return 0;
    const segX2 = buf.readUInt16BE(sub4 + 6);
    const ends = sub4 + 14, starts = ends + segX2 + 2, deltas = starts + segX2, ranges = deltas + segX2;
    for (let i = 0; i < segX2 / 2; i++) {
      if (buf.readUInt16BE(ends + 2 * i) < cp) continue;
      const start = buf.readUInt16BE(starts + 2 * i);
      if (start > cp) return 0;
      const delta = buf.readUInt16BE(deltas + 2 * i), ro = buf.readUInt16BE(ranges + 2 * i);
      if (ro === 0) return (cp + delta) & 0xffff;
      const g = buf.readUInt16BE(ranges + 2 * i + ro + 2 * (cp - start));
      return g === 0 ? 0 : (g + delta) & 0xffff;
    }
    return 0;
  }

  /** Contours of glyph g as arrays of {x, y, on}, in font units. */
  function contours(g, depth = 0) {
    const [a, b] = glyphRange(g);
    if (b <= a || depth > 8) return [];
    const p = glyf + a;
    const nc = buf.readInt16BE(p);
    if (nc >= 0) {
      const ends = [];
      for (let i = 0; i < nc; i++) ends.push(buf.readUInt16BE(p + 10 + 2 * i));
      const n = nc ? ends[nc - 1] + 1 : 0;
      let q = p + 10 + 2 * nc;
      q += 2 + buf.readUInt16BE(q);
      const flags = [];
      while (flags.length < n) {
        const f = buf[q++];
        flags.push(f);
        if (f & 8) { for (let r = buf[q++]; r > 0; r--) flags.push(f); }
      }
      const xs = new Array(n), ys = new Array(n);
      let v = 0;
      for (let i = 0; i < n; i++) {
        const f = flags[i];
        if (f & 2) { const d = buf[q++]; v += f & 16 ? d : -d; } else if (!(f & 16)) { v += buf.readInt16BE(q); q += 2; }
        xs[i] = v;
      }
      v = 0;
      for (let i = 0; i < n; i++) {
        const f = flags[i];
        if (f & 4) { const d = buf[q++]; v += f & 32 ? d : -d; } else if (!(f & 32)) { v += buf.readInt16BE(q); q += 2; }
        ys[i] = v;
      }
      const out = [];
      let s = 0;
      for (const e of ends) {
        const c = [];
        for (let i = s; i <= e; i++) c.push({ x: xs[i], y: ys[i], on: (flags[i] & 1) === 1 });
        out.push(c);
        s = e + 1;
      }
      return out;
    }
    // Composite glyph.
    const out = [];
    let q = p + 10, more = true;
    while (more) {
      const f = buf.readUInt16BE(q), sub = buf.readUInt16BE(q + 2);
      q += 4;
      let dx, dy;
      if (f & 1) { dx = buf.readInt16BE(q); dy = buf.readInt16BE(q + 2); q += 4; } else { dx = buf.readInt8(q); dy = buf.readInt8(q + 1); q += 2; }
      if (!(f & 2)) { dx = 0; dy = 0; } // point matching: not used by CJK faces
      let m = [1, 0, 0, 1];
      const f2 = o => buf.readInt16BE(o) / 16384;
      if (f & 8) { const s = f2(q); m = [s, 0, 0, s]; q += 2; } else if (f & 0x40) { m = [f2(q), 0, 0, f2(q + 2)]; q += 4; } else if (f & 0x80) { m = [f2(q), f2(q + 2), f2(q + 4), f2(q + 6)]; q += 8; }
      for (const c of contours(sub, depth + 1)) out.push(c.map(pt => ({ x: m[0] * pt.x + m[2] * pt.y + dx, y: m[1] * pt.x + m[3] * pt.y + dy, on: pt.on })));
      more = (f & 0x20) !== 0;
    }
    return out;
  }

  return { upem, numGlyphs, glyphIndex, contours };
}

/** Contours flattened to line segments [x0, y0, x1, y1, …] in font units. */
export function flatten(contours, steps = 6) {
  const seg = [];
  for (const c of contours) {
    const n = c.length;
    if (n < 2) continue;
    // Start at an on-curve point (or the midpoint of two off-curve ones).
    let k = c.findIndex(p => p.on);
    const pts = [];
    if (k < 0) { pts.push({ x: (c[0].x + c[1].x) / 2, y: (c[0].y + c[1].y) / 2, on: true }); for (let i = 1; i <= n; i++) pts.push(c[i % n]); }
    else for (let i = 0; i <= n; i++) pts.push(c[(k + i) % n]);
    let px = pts[0].x, py = pts[0].y, ctrl = null;
    const lineTo = (x, y) => { seg.push(px, py, x, y); px = x; py = y; };
    const quadTo = (cx, cy, x, y) => {
      const x0 = px, y0 = py;
      for (let i = 1; i <= steps; i++) {
        const t = i / steps, u = 1 - t;
        lineTo(u * u * x0 + 2 * u * t * cx + t * t * x, u * u * y0 + 2 * u * t * cy + t * t * y);
      }
    };
    for (let i = 1; i < pts.length; i++) {
      const p = pts[i];
      if (p.on) { if (ctrl) { quadTo(ctrl.x, ctrl.y, p.x, p.y); ctrl = null; } else lineTo(p.x, p.y); }
      else if (ctrl) { const mx = (ctrl.x + p.x) / 2, my = (ctrl.y + p.y) / 2; quadTo(ctrl.x, ctrl.y, mx, my); ctrl = p; }
      else ctrl = p;
    }
    if (ctrl) quadTo(ctrl.x, ctrl.y, pts[0].x, pts[0].y);
  }
  return seg;
}

/**
 * Anti-aliased coverage of the segments (non-zero winding) on a size x size grid; `map` takes font
 * units to pixels. Each pixel row is sampled on SUB lines; along a line the coverage is exact.
 */
export function rasterise(seg, size, mapX, mapY) {
  const img = new Float64Array(size * size);
  const xs = [];
  for (let row = 0; row < size; row++) {
    for (let s = 0; s < SUB; s++) {
      const y = row + (s + 0.5) / SUB;
      xs.length = 0;
      for (let i = 0; i < seg.length; i += 4) {
        const y0 = mapY(seg[i + 1]), y1 = mapY(seg[i + 3]);
        if (y0 === y1) continue;
        const lo = Math.min(y0, y1), hi = Math.max(y0, y1);
        if (y < lo || y >= hi) continue;
        const x0 = mapX(seg[i]), x1 = mapX(seg[i + 2]);
        xs.push({ x: x0 + (x1 - x0) * (y - y0) / (y1 - y0), w: y1 > y0 ? 1 : -1 });
      }
      xs.sort((a, b) => a.x - b.x || a.w - b.w);
      // Spans where the winding number is non-zero.
      let wind = 0;
      let start = 0;
      for (const c of xs) {
        const was = wind;
        wind += c.w;
        if (was === 0 && wind !== 0) start = c.x;
        else if (was !== 0 && wind === 0) addSpan(img, size, row, start, c.x, 1 / SUB);
      }
    }
  }
  return img;
}

function addSpan(img, size, row, a, b, w) {
  a = Math.max(0, a); b = Math.min(size, b);
  if (b <= a) return;
  const ia = Math.floor(a), ib = Math.floor(b);
  const o = row * size;
  if (ia === ib) { img[o + ia] += (b - a) * w; return; }
  img[o + ia] += (ia + 1 - a) * w;
  for (let i = ia + 1; i < ib; i++) img[o + i] += w;
  if (ib < size) img[o + ib] += (b - ib) * w;
}

// ---------------------------------------------------------------- features

/** Separable binomial blur [1 4 6 4 1]/16 of a size x size plane, zero outside. */
function blur(img, size) {
  const k = [1, 4, 6, 4, 1];
  const tmp = new Float64Array(size * size), out = new Float64Array(size * size);
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) {
    let s = 0;
    for (let j = -2; j <= 2; j++) { const xx = x + j; if (xx >= 0 && xx < size) s += k[j + 2] * img[y * size + xx]; }
    tmp[y * size + x] = s / 16;
  }
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) {
    let s = 0;
    for (let j = -2; j <= 2; j++) { const yy = y + j; if (yy >= 0 && yy < size) s += k[j + 2] * tmp[yy * size + x]; }
    out[y * size + x] = s / 16;
  }
  return out;
}

function downsample2(img, size) {
  const h = size / 2, out = new Float64Array(h * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < h; x++) {
    const o = 2 * y * size + 2 * x;
    out[y * h + x] = (img[o] + img[o + 1] + img[o + size] + img[o + size + 1]) / 4;
  }
  return out;
}

/**
 * Stroke-orientation planes of a coverage image: the gradient's magnitude split over four
 * orientations (horizontal, two diagonals, vertical) by the doubled angle, without trigonometry —
 * the directional features offline OCR classifies hanzi by, so what they confuse is near here.
 */
function orientationPlanes(img, size) {
  const planes = [0, 1, 2, 3].map(() => new Float64Array(size * size));
  const at = (x, y) => (x < 0 || y < 0 || x >= size || y >= size ? 0 : img[y * size + x]);
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) {
    const gx = (at(x + 1, y - 1) + 2 * at(x + 1, y) + at(x + 1, y + 1)) - (at(x - 1, y - 1) + 2 * at(x - 1, y) + at(x - 1, y + 1));
    const gy = (at(x - 1, y + 1) + 2 * at(x, y + 1) + at(x + 1, y + 1)) - (at(x - 1, y - 1) + 2 * at(x, y - 1) + at(x + 1, y - 1));
    const m2 = gx * gx + gy * gy;
    if (m2 === 0) continue;
    const m = Math.sqrt(m2), c = (gx * gx - gy * gy) / m2, s = (2 * gx * gy) / m2;
    const i = y * size + x;
    planes[0][i] = m * Math.max(0, c);
    planes[1][i] = m * Math.max(0, s);
    planes[2][i] = m * Math.max(0, -c);
    planes[3][i] = m * Math.max(0, -s);
  }
  return planes;
}

/** Zero mean per plane, unit norm over all planes, concatenated (a blank glyph stays zero). */
function normalise(planes) {
  const len = planes[0].length, out = new Float32Array(planes.length * len);
  let n = 0;
  planes.forEach((v, p) => {
    let m = 0;
    for (const x of v) m += x;
    m /= len;
    for (let i = 0; i < len; i++) { const d = v[i] - m; out[p * len + i] = d; n += d * d; }
  });
  n = Math.sqrt(n);
  if (n > 0) for (let i = 0; i < out.length; i++) out[i] /= n;
  return out;
}

/**
 * Best correlation of two feature maps (normalised, planes of size x size) over shifts of up to
 * ±shift pixels: the dot product of the overlapping parts.
 */
function shiftedCorrelation(a, b, planes, size, shift) {
  let best = -1;
  const len = size * size;
  for (let dy = -shift; dy <= shift; dy++) for (let dx = -shift; dx <= shift; dx++) {
    const y0 = Math.max(0, -dy), y1 = Math.min(size, size - dy), x0 = Math.max(0, -dx), x1 = Math.min(size, size - dx);
    let c = 0;
    for (let p = 0; p < planes; p++) {
      for (let y = y0; y < y1; y++) {
        const oa = p * len + y * size, ob = p * len + (y + dy) * size + dx;
        for (let x = x0; x < x1; x++) c += a[oa + x] * b[ob + x];
      }
    }
    if (c > best) best = c;
  }
  return best;
}

/** Where each glyph's outline goes in the R x R raster: the em box, or its own ink box. */
function placement(seg, font, emTop) {
  const R = P.raster;
  if (P.norm === 'em') { const s = R / font.upem; return [x => x * s, y => (emTop - y) * s]; }
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (let i = 0; i < seg.length; i += 2) { x0 = Math.min(x0, seg[i]); x1 = Math.max(x1, seg[i]); y0 = Math.min(y0, seg[i + 1]); y1 = Math.max(y1, seg[i + 1]); }
  const m = P.margin, inner = R - 2 * m;
  const w = Math.max(x1 - x0, 1), h = Math.max(y1 - y0, 1);
  if (P.norm === 'box') return [x => m + (x - x0) * inner / w, y => m + (y1 - y) * inner / h];
  if (P.norm === 'fill') {
    // Each axis stretched to fill the box, but no side counts as shorter than minSide em (一, 丨 stay thin).
    const sw = Math.max(w, font.upem * P.minSide), sh = Math.max(h, font.upem * P.minSide);
    const ox = m + (inner - w * inner / sw) / 2, oy = m + (inner - h * inner / sh) / 2;
    return [x => ox + (x - x0) * inner / sw, y => oy + (y1 - y) * inner / sh];
  }
  // 'aspect': the longer side fills the box, the other keeps the proportion (at least a third), centred.
  const s = inner / Math.max(w, h, font.upem / 3);
  const ox = m + (inner - w * s) / 2, oy = m + (inner - h * s) / 2;
  return [x => ox + (x - x0) * s, y => oy + (y1 - y) * s];
}

/** A glyph's feature planes at the fine size (raster / 2). */
function features(seg, font, emTop) {
  const R = P.raster;
  const [mx, my] = placement(seg, font, emTop);
  const ink = rasterise(seg, R, mx, my);
  const planes = [];
  if (P.ink) planes.push(blur(blur(ink, R), R));
  if (P.grad) for (const g of orientationPlanes(ink, R)) planes.push(blur(blur(g, R), R));
  let size = R;
  for (; size > P.fine; size /= 2) planes.forEach((p, i) => { planes[i] = downsample2(p, size); });
  return planes;
}

// ---------------------------------------------------------------- build

/** The method's parameters (of the method, never of a pair). */
const P = {
  raster: 32,     // raster size of the glyph box
  margin: 2,      // blank pixels around the ink box ('box', 'fill' and 'aspect')
  minSide: 0.5,   // 'fill': shortest side stretched, in em
  norm: 'fill',   // 'em' (the font's em box), 'box' (ink box stretched), 'fill' (stretched, minSide), 'aspect' (proportional)
  ink: false,     // blurred ink plane
  grad: true,     // four stroke-orientation planes
  shortlist: 64,  // candidates per character from the coarse signatures, scored exactly
  fine: 32,       // size of the feature planes for the exact score
  coarse: 8,      // size of the signatures for the shortlist
  shift: 1,       // shifts of up to ±shift fine pixels tried in the exact score
  k: 20,          // neighbours kept per character
  floor: 0.5,     // similarity floor
};

export function build(fontFile = FONT) {
  const t0 = Date.now();
  const chars = gb2312Hanzi();
  const font = openFont(fontFile, 0);
  const outlines = chars.map(ch => flatten(font.contours(font.glyphIndex(ch.codePointAt(0)))));
  // The em box: x from 0 to upem; vertically centred on the hanzi's mean ink centre.
  let cy = 0, counted = 0;
  for (const seg of outlines) {
    if (!seg.length) continue;
    let lo = Infinity, hi = -Infinity;
    for (let i = 1; i < seg.length; i += 2) { lo = Math.min(lo, seg[i]); hi = Math.max(hi, seg[i]); }
    cy += (lo + hi) / 2; counted++;
  }
  cy /= counted;
  const emTop = cy + font.upem / 2;
  const F = P.fine, C = P.coarse;
  const fine = [], coarse = [];
  let planes = 0;
  for (const seg of outlines) {
    const f = features(seg, font, emTop);
    planes = f.length;
    fine.push(normalise(f));
    coarse.push(normalise(f.map(p => { let size = F; for (; size > C; size /= 2) p = downsample2(p, size); return blur(p, C); })));
  }
  const t1 = Date.now();

  // Shortlist: the best coarse correlations of each character, over all pairs.
  const n = chars.length, D = planes * C * C;
  const flat = new Float32Array(n * D);
  coarse.forEach((v, i) => flat.set(v, i * D));
  const all = new Float32Array(n * n); // each pair once, mirrored
  for (let i = 0; i < n; i++) {
    const oi = i * D;
    all[i * n + i] = -Infinity;
    for (let j = i + 1; j < n; j++) {
      const oj = j * D;
      let s = 0;
      for (let d = 0; d < D; d++) s += flat[oi + d] * flat[oj + d];
      all[i * n + j] = s;
      all[j * n + i] = s;
    }
  }
  const shortlist = [];
  for (let i = 0; i < n; i++) shortlist.push(topIndices(all.subarray(i * n, i * n + n), P.shortlist));
  const t2 = Date.now();

  // Exact score on the shortlist (both directions merged: the score is symmetric).
  const score = new Map();
  const neighbours = chars.map(() => []);
  for (let i = 0; i < n; i++) {
    for (const j of shortlist[i]) {
      const k = i < j ? i * n + j : j * n + i;
      if (!score.has(k)) score.set(k, shiftedCorrelation(fine[Math.min(i, j)], fine[Math.max(i, j)], planes, F, P.shift));
    }
  }
  for (const [k, s] of score) {
    if (s < P.floor) continue;
    const i = Math.floor(k / n), j = k % n;
    neighbours[i].push([j, s]);
    neighbours[j].push([i, s]);
  }
  const lines = [];
  for (let i = 0; i < n; i++) {
    const nb = neighbours[i].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, P.k);
    if (!nb.length) continue;
    lines.push(`${chars[i]}\t${nb.map(([j, s]) => `${chars[j]}${Math.round(s * 100)}`).join(' ')}`);
  }
  const t3 = Date.now();
  const header = `# glyph-neighbours: GB2312 hanzi in ${path.basename(fontFile)} face 0; ${JSON.stringify(P)}; char<TAB>neighbour+percent …\n`;
  return { text: header + lines.join('\n') + '\n', timings: { render: t1 - t0, shortlist: t2 - t1, score: t3 - t2 }, chars: n };
}

function topIndices(row, m) {
  const idx = [];
  for (let j = 0; j < row.length; j++) {
    if (idx.length < m) { idx.push(j); if (idx.length === m) idx.sort((a, b) => row[b] - row[a] || a - b); continue; }
    const last = idx[m - 1];
    if (row[j] > row[last]) {
      let p = m - 1;
      while (p > 0 && row[idx[p - 1]] < row[j]) { idx[p] = idx[p - 1]; p--; }
      idx[p] = j;
    }
  }
  return idx;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  if (!fs.existsSync(FONT)) {
    console.error(`build-glyphs: font ${FONT} not found (apt-get install fonts-arphic-uming)`);
    process.exit(2);
  }
  const { text, timings, chars } = build(FONT);
  if (CHECK) {
    const same = fs.existsSync(OUT) && fs.readFileSync(OUT, 'utf8') === text;
    console.log(`build-glyphs --check: ${same ? 'reproduced' : 'DIFFERS from'} ${OUT}`);
    process.exit(same ? 0 : 1);
  }
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, text);
  console.log(`build-glyphs: ${chars} characters, ${text.split('\n').length - 2} lines, ${text.length} chars -> ${OUT} (ms: ${JSON.stringify(timings)})`);
}
