/**
 * Finds secrets in text, including strings derived from them by the common transforms: case changes,
 * base64 / base64url (at any alignment), URL encoding, hex, JSON escaping, reversal, and any piece of
 * at least half of one of those (at least `MIN_PIECE` characters: substrings and concatenations).
 * Exact-string matching alone let `$uppercase(secret)` or `$base64encode(secret)` reach logs and runs.
 *
 * How: every form of every secret is cut into overlapping pieces (compared without ASCII case) of a
 * width of about half its length; a text is masked wherever a window is such a piece. Half, not a
 * fixed few characters, because readable secrets share words with ordinary text (a key such as
 * `local-only-flowbridge-api-key` with the rule name `flowbridge-app-events`). Forms shorter than
 * `MIN_PIECE` are matched whole, so a short value does not mask every word holding a few of its letters.
 */

/** Pieces shorter than this are not treated as a leak (shorter overlaps happen by chance). */
export const MIN_PIECE = 8;

/** Secrets shorter than this are not masked at all (they would garble every text). */
export const MIN_SECRET_LENGTH = 3;

/** Multiplier of the rolling hash over pieces (mod 2^32). */
const BASE = 0x01000193;

/** Piece widths in use; a form of length n is cut into pieces of the widest one not over max(MIN_PIECE, n/2). */
const WIDTHS = [8, 12, 16, 24, 32] as const;

/** The piece width for a form of `length` characters: half of it, so text merely sharing a word with a readable secret stays. */
function widthFor(length: number): number {
  const wanted = Math.max(MIN_PIECE, Math.floor(length / 2));
  let width: number = WIDTHS[0];
  for (const w of WIDTHS) if (w <= wanted) width = w;
  return width;
}

/** Pieces of one width, with a bit per rolling-hash bucket so a scan compares strings only on a set bit (2^16 bits: 8 KB, cheap to allocate per run). */
class PieceIndex {
  private readonly pieces = new Set<string>();
  private readonly buckets = new Uint32Array(1 << 11);
  private readonly outFactor: number;

  constructor(readonly width: number) {
    let f = 1;
    for (let i = 1; i < width; i++) f = Math.imul(f, BASE);
    this.outFactor = f;
  }

  add(folded: string): void {
    for (let i = 0; i + this.width <= folded.length; i++) {
      const piece = folded.slice(i, i + this.width);
      this.pieces.add(piece);
      const bucket = hashOf(piece) >>> 16;
      this.buckets[bucket >>> 5]! |= 1 << (bucket & 31);
    }
  }

  /** Adds to `spans` every window of `text` that is one of the pieces. */
  scan(text: string, spans: Array<[number, number]>): void {
    const width = this.width;
    if (text.length < width) return;
    let hash = 0;
    for (let i = 0; i < width; i++) hash = (Math.imul(hash, BASE) + foldCode(text.charCodeAt(i))) | 0;
    for (let i = 0; ; i++) {
      const bucket = hash >>> 16;
      if ((this.buckets[bucket >>> 5]! & (1 << (bucket & 31))) !== 0 && this.pieces.has(foldAscii(text.slice(i, i + width)))) spans.push([i, i + width]);
      if (i + width >= text.length) break;
      hash = (Math.imul((hash - Math.imul(foldCode(text.charCodeAt(i)), this.outFactor)) | 0, BASE) + foldCode(text.charCodeAt(i + width))) | 0;
    }
  }
}

export class SecretMatcher {
  private readonly indexes = new Map<number, PieceIndex>();
  private readonly whole = new Set<string>();
  private shortestWhole = Infinity;
  private shortestPiece = Infinity;

  /** Adds a secret and its derived forms (whole-matched short forms are kept lower-cased). */
  add(secret: string): void {
    if (secret.length < MIN_SECRET_LENGTH) return;
    for (const variant of variantsOf(secret)) {
      const folded = foldAscii(variant);
      if (folded.length < MIN_PIECE) {
        // Whole forms are compared against `toLowerCase()` text, so keep them fully lower-cased.
        if (folded.length < MIN_SECRET_LENGTH || variant.toLowerCase().length !== variant.length) continue;
        this.whole.add(variant.toLowerCase());
        this.shortestWhole = Math.min(this.shortestWhole, folded.length);
        continue;
      }
      const width = widthFor(folded.length);
      let index = this.indexes.get(width);
      if (!index) this.indexes.set(width, (index = new PieceIndex(width)));
      index.add(folded);
      this.shortestPiece = Math.min(this.shortestPiece, width);
    }
  }

  /** True when no secret was added. */
  get empty(): boolean {
    return this.indexes.size === 0 && this.whole.size === 0;
  }

  /** `text` with every secret-derived span replaced by `replacement`. */
  mask(text: string, replacement: string): string {
    if (this.empty || text.length < Math.min(this.shortestPiece, this.shortestWhole)) return text;
    const spans: Array<[number, number]> = [];
    for (const index of this.indexes.values()) index.scan(text, spans);
    if (this.whole.size > 0 && text.length >= this.shortestWhole) {
      // toLowerCase is native and fast; it only changes the length for a few non-ASCII letters (then fold by hand).
      const lowered = text.toLowerCase();
      const folded = lowered.length === text.length ? lowered : foldAscii(text);
      for (const secret of this.whole) {
        for (let at = folded.indexOf(secret); at >= 0; at = folded.indexOf(secret, at + 1)) spans.push([at, at + secret.length]);
      }
    }
    if (spans.length === 0) return text;
    let out = '';
    let from = 0;
    spans.sort((a, b) => a[0] - b[0]);
    for (const [start, end] of mergeSpans(spans)) {
      out += text.slice(from, start) + replacement;
      from = end;
    }
    return out + text.slice(from);
  }
}

function mergeSpans(spans: Array<[number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const [start, end] of spans) {
    const last = out[out.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else out.push([start, end]);
  }
  return out;
}

/** The rolling hash of a (folded) piece, as `mask` computes it. */
function hashOf(piece: string): number {
  let hash = 0;
  for (let i = 0; i < piece.length; i++) hash = (Math.imul(hash, BASE) + foldCode(piece.charCodeAt(i))) | 0;
  return hash;
}

/** An ASCII upper-case letter's code as lower case; every other code unchanged. */
function foldCode(code: number): number {
  return code >= 65 && code <= 90 ? code | 0x20 : code;
}

/** Lower-cases ASCII letters only, so positions in the result match positions in the input. */
function foldAscii(text: string): string {
  return text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

/** The forms a secret commonly takes after a transform. */
function variantsOf(secret: string): string[] {
  const bytes = new TextEncoder().encode(secret);
  const variants = new Set<string>([secret, secret.toLowerCase(), secret.toUpperCase(), [...secret].reverse().join(''), JSON.stringify(secret).slice(1, -1)]);
  try {
    variants.add(encodeURIComponent(secret));
  } catch {
    // A lone surrogate cannot be URL-encoded; such a secret has no URL form to look for.
  }
  variants.add(hexOf(bytes));
  // A secret inside a longer base64 text is encoded differently depending on where it starts (mod 3):
  // keep, for each start, the characters that depend on the secret's bytes alone.
  for (let offset = 0; offset < 3; offset++) {
    const padded = new Uint8Array(offset + bytes.length);
    padded.set(bytes, offset);
    const encoded = base64Of(padded);
    const lead = offset === 0 ? 0 : offset + 1;
    const tailBytes = (offset + bytes.length) % 3;
    const core = encoded.replace(/=+$/, '').slice(lead, tailBytes === 0 ? undefined : -1);
    if (offset === 0) variants.add(encoded);
    if (core.length >= MIN_SECRET_LENGTH) {
      variants.add(core);
      variants.add(core.replace(/\+/g, '-').replace(/\//g, '_'));
    }
  }
  return [...variants];
}

function hexOf(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

function base64Of(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
