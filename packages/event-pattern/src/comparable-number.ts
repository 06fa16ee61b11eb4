/**
 * Numbers the way EventBridge compares them (event-ruler's ComparableNumber): values from -5e9 to 5e9
 * with at most six decimals, compared exactly. We represent such a number as the integer
 * `value × 10⁶`, which stays below 2⁵³ and so is exact in a double.
 */

const LIMIT = 5e9;

/** The scaled integer for an event's number, or undefined when EventBridge cannot compare it numerically. */
export function comparableFromNumber(value: number): number | undefined {
  if (!(value >= -LIMIT && value <= LIMIT)) return undefined;
  const scaled = Math.round(value * 1e6);
  // A double whose shortest decimal form has ≤ 6 decimals round-trips through the scaled integer.
  return scaled / 1e6 === value ? scaled : undefined;
}

interface Decimal {
  readonly negative: boolean;
  /** Significant digits without leading or trailing zeros ('' for zero). */
  readonly digits: string;
  /** BigDecimal scale after stripTrailingZeros: value = digits × 10^-scale. */
  readonly scale: number;
}

function parseDecimal(text: string): Decimal {
  const m = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  const negative = m?.[1] === '-';
  const intPart = m?.[2] ?? '0';
  const fracPart = m?.[3] ?? '';
  const exponent = Number(m?.[4] ?? '0');
  let digits = (intPart + fracPart).replace(/^0+/, '');
  let scale = fracPart.length - exponent;
  const trimmed = digits.replace(/0+$/, '');
  scale -= digits.length - trimmed.length;
  digits = trimmed;
  return { negative, digits, scale: digits === '' ? 0 : scale };
}

/** Java's BigDecimal.toString for a stripped decimal. */
function bigDecimalToString(d: Decimal): string {
  if (d.digits === '') return '0';
  const sign = d.negative ? '-' : '';
  const adjusted = -d.scale + (d.digits.length - 1);
  if (d.scale >= 0 && adjusted >= -6) {
    if (d.scale === 0) return sign + d.digits;
    const padded = d.digits.padStart(d.scale + 1, '0');
    return `${sign}${padded.slice(0, padded.length - d.scale)}.${padded.slice(padded.length - d.scale)}`;
  }
  const mantissa = d.digits.length > 1 ? `${d.digits[0]}.${d.digits.slice(1)}` : d.digits;
  return `${sign}${mantissa}E${adjusted >= 0 ? '+' : ''}${adjusted}`;
}

/** Java's Double.toHexString, used verbatim in one of event-ruler's messages. */
function javaDoubleToHexString(value: number): string {
  if (value === 0) return Object.is(value, -0) ? '-0x0.0p0' : '0x0.0p0';
  const sign = value < 0 ? '-' : '';
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(value));
  const high = view.getUint32(0);
  const low = view.getUint32(4);
  const exponentBits = (high >>> 20) & 0x7ff;
  const mantissaHex = ((high & 0xfffff).toString(16).padStart(5, '0') + low.toString(16).padStart(8, '0')).replace(/0+$/, '') || '0';
  if (exponentBits === 0) return `${sign}0x0.${mantissaHex}p-1022`;
  return `${sign}0x1.${mantissaHex}p${exponentBits - 1023}`;
}

/** Outcome of reading a pattern's number: the scaled integer, or AWS's reason for rejecting it. */
export type PatternNumber = { readonly ok: true; readonly scaled: number } | { readonly ok: false; readonly reason: string };

/** Reads a number written in a pattern (its JSON text) as event-ruler's ComparableNumber.generate does. */
export function comparableFromPatternText(text: string): PatternNumber {
  const decimal = parseDecimal(text);
  if (decimal.scale > 6) {
    // event-ruler: BigDecimal.setScale(6, HALF_UP).doubleValue(); toFixed rounds half away from zero like HALF_UP here.
    const rounded = Number(Number(text).toFixed(6));
    return {
      ok: false,
      reason: `Only values upto 6 decimals are supported${bigDecimalToString(decimal)} ${text} ${javaDoubleToHexString(rounded)}`,
    };
  }
  const value = Number(text);
  if (!(value >= -LIMIT && value <= LIMIT)) {
    return { ok: false, reason: 'Value must be between -5.0E9 and 5.0E9, inclusive' };
  }
  return { ok: true, scaled: Math.round(value * 1e6) };
}
