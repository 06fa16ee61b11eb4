/**
 * The JSONPath subset EventBridge accepts in InputPath and InputPathsMap: `$`, dot members (`$.detail.id`,
 * `$.detail-type`), bracketed members (`$['a b']`) and array indexes (`$.resources[0]`).
 * Returns undefined when the path does not resolve.
 */
export function evaluateJsonPath(root: unknown, path: string): unknown {
  if (!path.startsWith('$')) return undefined;
  let value: unknown = root;
  let i = 1;
  while (i < path.length) {
    if (value === undefined || value === null) return undefined;
    const c = path[i];
    if (c === '.') {
      let j = i + 1;
      while (j < path.length && path[j] !== '.' && path[j] !== '[') j++;
      const member = path.slice(i + 1, j);
      if (member === '' || typeof value !== 'object' || Array.isArray(value)) return undefined;
      value = (value as Record<string, unknown>)[member];
      i = j;
    } else if (c === '[') {
      const close = path.indexOf(']', i);
      if (close < 0) return undefined;
      const inner = path.slice(i + 1, close).trim();
      const quoted = /^'(.*)'$|^"(.*)"$/.exec(inner);
      if (quoted) {
        if (typeof value !== 'object' || Array.isArray(value)) return undefined;
        value = (value as Record<string, unknown>)[quoted[1] ?? quoted[2] ?? ''];
      } else if (/^\d+$/.test(inner)) {
        if (!Array.isArray(value)) return undefined;
        value = value[Number(inner)];
      } else {
        return undefined;
      }
      i = close + 1;
    } else {
      return undefined;
    }
  }
  return value;
}
