/**
 * A JSON reader that keeps what `JSON.parse` throws away and EventBridge cares about: duplicate keys
 * in document order (AWS validates every occurrence and keeps the last) and the literal text of numbers
 * (AWS compares numbers by their decimal text). Syntax errors read like Jackson's, which AWS uses.
 */
import { InvalidEventPatternError } from './invalid-event-pattern-error.js';

export type JsonNode =
  | { readonly kind: 'object'; readonly entries: ReadonlyArray<readonly [string, JsonNode]> }
  | { readonly kind: 'array'; readonly items: readonly JsonNode[] }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly text: string; readonly value: number }
  | { readonly kind: 'true' | 'false' | 'null' };

/** Jackson's default nesting limit (StreamReadConstraints). */
export const MAX_NESTING_DEPTH = 1000;
const MAX_NUMBER_LENGTH = 1000;

function nestingError(depth: number): InvalidEventPatternError {
  return new InvalidEventPatternError(
    `Document nesting depth (${depth}) exceeds the maximum allowed (${MAX_NESTING_DEPTH}, from \`StreamReadConstraints.getMaxNestingDepth()\`)`,
  );
}

const VALUE_EXPECTED = "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')";

/** Parses JSON text into a {@link JsonNode}; throws InvalidEventPatternError with a Jackson-like reason. */
export function parseJsonText(text: string): JsonNode | undefined {
  let pos = 0;

  const location = (at: number): string => {
    let line = 1;
    let column = 1;
    for (let i = 0; i < at && i < text.length; i++) {
      if (text.charCodeAt(i) === 10) {
        line++;
        column = 1;
      } else column++;
    }
    const excerpt = text.length > 500 ? `${text.slice(0, 500)}"[truncated ${text.length - 500} chars]` : `${text}"`;
    return `\n at [Source: (String)"${excerpt}; line: ${line}, column: ${column}]`;
  };
  const fail = (reason: string, at = pos): never => {
    throw new InvalidEventPatternError(reason + location(at));
  };
  const describe = (at: number): string => {
    const code = text.codePointAt(at) ?? 0;
    const ch = String.fromCodePoint(code);
    if (code < 32) return `(CTRL-CHAR, code ${code})`;
    return `('${ch}' (code ${code}))`;
  };
  const skipWhitespace = (): void => {
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c === 32 || c === 9 || c === 10 || c === 13) pos++;
      else break;
    }
  };
  const eof = (what: string): never => fail(`Unexpected end-of-input${what}`);

  const readString = (): string => {
    // pos is at the opening quote
    pos++;
    let out = '';
    let start = pos;
    for (;;) {
      if (pos >= text.length) return eof(': was expecting closing quote for a string value');
      const c = text.charCodeAt(pos);
      if (c === 34) {
        out += text.slice(start, pos);
        pos++;
        return out;
      }
      if (c < 32) {
        fail(`Illegal unquoted character (${describe(pos)}): has to be escaped using backslash to be included in string value`);
      }
      if (c === 92) {
        out += text.slice(start, pos);
        pos++;
        if (pos >= text.length) return eof(' in character escape sequence');
        const e = text[pos] as string;
        switch (e) {
          case '"': out += '"'; break;
          case '\\': out += '\\'; break;
          case '/': out += '/'; break;
          case 'b': out += '\b'; break;
          case 'f': out += '\f'; break;
          case 'n': out += '\n'; break;
          case 'r': out += '\r'; break;
          case 't': out += '\t'; break;
          case 'u': {
            const hex = text.slice(pos + 1, pos + 5);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
              const bad = [...hex].findIndex((h) => !/[0-9a-fA-F]/.test(h));
              if (pos + 1 + (bad < 0 ? hex.length : bad) >= text.length) return eof(' in character escape sequence');
              fail(`Unexpected character (${describe(pos + 1 + bad)}): expected a hex-digit for character escape sequence`, pos + 1 + bad);
            }
            out += String.fromCharCode(parseInt(hex, 16));
            pos += 4;
            break;
          }
          default:
            fail(`Unrecognized character escape ${describe(pos).slice(1, -1)}`);
        }
        pos++;
        start = pos;
        continue;
      }
      pos++;
    }
  };

  const readNumber = (): JsonNode => {
    const start = pos;
    const digit = (at: number): boolean => {
      const c = text.charCodeAt(at);
      return c >= 48 && c <= 57;
    };
    if (text[pos] === '-') {
      pos++;
      if (pos >= text.length) eof(' in a Number value');
      if (!digit(pos)) fail(`Unexpected character ${describe(pos)} in numeric value: expected digit (0-9) to follow minus sign, for valid numeric value`);
    }
    if (text[pos] === '0' && digit(pos + 1)) fail('Invalid numeric value: Leading zeroes not allowed');
    while (digit(pos)) pos++;
    if (text[pos] === '.') {
      pos++;
      if (pos >= text.length) eof(' in a Number value');
      if (!digit(pos)) fail(`Unexpected character ${describe(pos)} in numeric value: Decimal point not followed by a digit`);
      while (digit(pos)) pos++;
    }
    if (text[pos] === 'e' || text[pos] === 'E') {
      pos++;
      if (text[pos] === '+' || text[pos] === '-') pos++;
      if (pos >= text.length) eof(' in a Number value');
      if (!digit(pos)) fail(`Unexpected character ${describe(pos)} in numeric value: Exponent indicator not followed by a digit`);
      while (digit(pos)) pos++;
    }
    const numberText = text.slice(start, pos);
    if (numberText.length > MAX_NUMBER_LENGTH) {
      fail(`Number value length (${numberText.length}) exceeds the maximum allowed (${MAX_NUMBER_LENGTH}, from \`StreamReadConstraints.getMaxNumberLength()\`)`, start);
    }
    return { kind: 'number', text: numberText, value: Number(numberText) };
  };

  const readToken = (): JsonNode => {
    const start = pos;
    while (pos < text.length && /[A-Za-z0-9_$]/.test(text[pos] as string)) pos++;
    const word = text.slice(start, pos);
    if (word === 'true' || word === 'false' || word === 'null') return { kind: word };
    return fail(`Unrecognized token '${word}': was expecting ${VALUE_EXPECTED}`, start);
  };

  const readValue = (depth: number, context: string): JsonNode => {
    skipWhitespace();
    if (pos >= text.length) return eof(context);
    const c = text[pos] as string;
    if (c === '{' || c === '[') {
      if (depth + 1 > MAX_NESTING_DEPTH) throw nestingError(depth + 1);
      return c === '{' ? readObject(depth + 1) : readArray(depth + 1);
    }
    if (c === '"') return { kind: 'string', value: readString() };
    if (c === '-' || (c >= '0' && c <= '9')) return readNumber();
    if (/[A-Za-z]/.test(c)) return readToken();
    return fail(`Unexpected character ${describe(pos)}: expected a valid value ${VALUE_EXPECTED}`);
  };

  const readObject = (depth: number): JsonNode => {
    const open = pos;
    pos++;
    const entries: Array<readonly [string, JsonNode]> = [];
    const unclosed = (): string => `: expected close marker for Object (start marker at${location(open).slice(4)})`;
    skipWhitespace();
    if (text[pos] === '}') {
      pos++;
      return { kind: 'object', entries };
    }
    for (;;) {
      skipWhitespace();
      if (pos >= text.length) return eof(unclosed());
      if (text[pos] !== '"') fail(`Unexpected character ${describe(pos)}: was expecting double-quote to start field name`);
      const key = readString();
      skipWhitespace();
      if (pos >= text.length) return eof(unclosed());
      if (text[pos] !== ':') fail(`Unexpected character ${describe(pos)}: was expecting a colon to separate field name and value`);
      pos++;
      entries.push([key, readValue(depth, unclosed())]);
      skipWhitespace();
      if (pos >= text.length) return eof(unclosed());
      if (text[pos] === ',') {
        pos++;
        continue;
      }
      if (text[pos] === '}') {
        pos++;
        return { kind: 'object', entries };
      }
      fail(`Unexpected character ${describe(pos)}: was expecting comma to separate Object entries`);
    }
  };

  const readArray = (depth: number): JsonNode => {
    const open = pos;
    pos++;
    const items: JsonNode[] = [];
    const unclosed = (): string => `: expected close marker for Array (start marker at${location(open).slice(4)})`;
    skipWhitespace();
    if (text[pos] === ']') {
      pos++;
      return { kind: 'array', items };
    }
    for (;;) {
      skipWhitespace();
      if (text[pos] === ']') fail(`Unexpected character ${describe(pos)}: expected a value`);
      items.push(readValue(depth, unclosed()));
      skipWhitespace();
      if (pos >= text.length) return eof(unclosed());
      if (text[pos] === ',') {
        pos++;
        continue;
      }
      if (text[pos] === ']') {
        pos++;
        return { kind: 'array', items };
      }
      fail(`Unexpected character ${describe(pos)}: was expecting comma to separate Array entries`);
    }
  };

  skipWhitespace();
  // An empty document has no first token; AWS then reports that the filter is not an object.
  if (pos >= text.length) return undefined;
  // Like Jackson's streaming parser in event-ruler, only the first value is read; trailing text is ignored.
  return readValue(0, '');
}

/**
 * Converts an already-parsed JavaScript value to a {@link JsonNode} with `JSON.stringify`'s rules
 * (undefined and functions dropped, non-finite numbers become null, `toJSON` honoured).
 */
export function jsonNodeFromValue(value: unknown): JsonNode | undefined {
  const seen = new Set<object>();
  const convert = (v: unknown, depth: number, inArray: boolean): JsonNode | undefined => {
    if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') {
      v = (v as { toJSON: () => unknown }).toJSON();
    }
    switch (typeof v) {
      case 'string':
        return { kind: 'string', value: v };
      case 'number':
        return Number.isFinite(v) ? { kind: 'number', text: String(v), value: v } : { kind: 'null' };
      case 'bigint':
        return { kind: 'number', text: v.toString(), value: Number(v) };
      case 'boolean':
        return { kind: v ? 'true' : 'false' };
      case 'undefined':
      case 'function':
      case 'symbol':
        return inArray ? { kind: 'null' } : undefined;
      default:
        break;
    }
    if (v === null) return { kind: 'null' };
    const obj = v as object;
    if (depth + 1 > MAX_NESTING_DEPTH) throw nestingError(depth + 1);
    if (seen.has(obj)) throw new InvalidEventPatternError('Pattern is not JSON: it refers to itself (a cycle)');
    seen.add(obj);
    let node: JsonNode;
    if (Array.isArray(obj)) {
      node = { kind: 'array', items: obj.map((item) => convert(item, depth + 1, true) ?? { kind: 'null' }) };
    } else {
      const entries: Array<readonly [string, JsonNode]> = [];
      for (const key of Object.keys(obj)) {
        const child = convert((obj as Record<string, unknown>)[key], depth + 1, false);
        if (child !== undefined) entries.push([key, child]);
      }
      node = { kind: 'object', entries };
    }
    seen.delete(obj);
    return node;
  };
  return convert(value, 0, false);
}

/** Plain JavaScript value of a node (last duplicate key wins), for display. */
export function jsonNodeToValue(node: JsonNode): unknown {
  switch (node.kind) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of node.entries) {
        // defineProperty keeps a "__proto__" key an ordinary key, as JSON.parse does.
        Object.defineProperty(out, k, { value: jsonNodeToValue(v), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    case 'array':
      return node.items.map(jsonNodeToValue);
    case 'string':
      return node.value;
    case 'number':
      return node.value;
    case 'true':
      return true;
    case 'false':
      return false;
    case 'null':
      return null;
  }
}
