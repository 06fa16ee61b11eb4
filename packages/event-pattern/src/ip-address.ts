/**
 * IP addresses and CIDR blocks as event-ruler reads them (CIDR.java): an address is a fixed-width
 * upper-case hex string (8 digits for IPv4, 32 for IPv6), so "inside a block" is a string comparison.
 */

const IPV4_SHAPE = /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/;
const IPV6_SHAPE = /^[0-9a-fA-F:]*:[0-9a-fA-F:]*$/;

/** Whether the text has the shape event-ruler treats as an IP literal (it then must parse). */
export function looksLikeIp(text: string): boolean {
  return IPV4_SHAPE.test(text) || IPV6_SHAPE.test(text);
}

function parseIpv4(text: string): number[] | undefined {
  const parts = text.split('.');
  const bytes: number[] = [];
  for (const part of parts) {
    // Java rejects ambiguous (octal-looking) literals with leading zeros.
    if (part.length > 3 || (part.length > 1 && part[0] === '0')) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    bytes.push(n);
  }
  return bytes;
}

function parseIpv6(text: string): number[] | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groupsOf = (s: string): string[] | undefined => {
    if (s === '') return [];
    const groups = s.split(':');
    return groups.every((g) => g.length >= 1 && g.length <= 4) ? groups : undefined;
  };
  const head = groupsOf(halves[0] ?? '');
  const tail = halves.length === 2 ? groupsOf(halves[1] ?? '') : [];
  if (head === undefined || tail === undefined) return undefined;
  let groups: string[];
  if (halves.length === 2) {
    const missing = 8 - head.length - tail.length;
    if (missing < 1) return undefined;
    groups = [...head, ...Array<string>(missing).fill('0'), ...tail];
  } else {
    if (head.length !== 8) return undefined;
    groups = head;
  }
  const bytes: number[] = [];
  for (const g of groups) {
    const n = parseInt(g, 16);
    bytes.push(n >> 8, n & 0xff);
  }
  // Java's InetAddress turns IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) into IPv4 addresses.
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) return bytes.slice(12);
  return bytes;
}

/** Address bytes of an IP literal, or undefined if it is none (names are never resolved). */
export function parseIp(text: string): number[] | undefined {
  if (IPV4_SHAPE.test(text)) return parseIpv4(text);
  if (IPV6_SHAPE.test(text)) return parseIpv6(text);
  return undefined;
}

function toHex(bytes: readonly number[]): string {
  let out = '';
  for (const b of bytes) out += (b < 16 ? '0' : '') + b.toString(16).toUpperCase();
  return out;
}

/** The comparable key of an IP literal (same address, same key), or undefined. */
export function ipKey(text: string): string | undefined {
  const bytes = parseIp(text);
  return bytes === undefined ? undefined : toHex(bytes);
}

/** An inclusive range of addresses of one family. */
export interface CidrRange {
  readonly low: string;
  readonly high: string;
}

/** Parses `base/bits`; returns the range, or AWS's reason for rejecting it. */
export function parseCidr(text: string): { ok: true; range: CidrRange } | { ok: false; reason: string } {
  // Java's String.split drops trailing empty strings.
  const parts = text.split('/');
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  if (parts.length !== 2) return { ok: false, reason: "Malformed CIDR, one '/' required" };
  const [base, bitsText] = parts as [string, string];
  const bits = /^[+-]?\d+$/.test(bitsText) ? Number(bitsText) : NaN;
  if (!Number.isInteger(bits) || bits > 2147483647 || bits < -2147483648) {
    return { ok: false, reason: 'Malformed CIDR, mask bits must be an integer' };
  }
  if (bits < 0) return { ok: false, reason: 'Malformed CIDR, mask bits must not be negative' };
  if (!looksLikeIp(base)) return { ok: false, reason: `Nonstandard IP address: ${base}` };
  const bytes = parseIp(base);
  if (bytes === undefined) return { ok: false, reason: `Invalid IP address: ${base}` };
  if (bytes.length === 4 && bits > 31) return { ok: false, reason: 'IPv4 mask bits must be < 32' };
  if (bytes.length === 16 && bits > 127) return { ok: false, reason: 'IPv6 mask bits must be < 128' };
  const low: number[] = [];
  const high: number[] = [];
  bytes.forEach((b, i) => {
    const keep = Math.max(0, Math.min(8, bits - i * 8));
    const mask = (0xff << (8 - keep)) & 0xff;
    low.push(b & mask);
    high.push((b & mask) | (~mask & 0xff));
  });
  return { ok: true, range: { low: toHex(low), high: toHex(high) } };
}
