/** Flow names double as file names, so they are restricted to a safe, portable alphabet. */
const FLOW_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,99}$/;

/** Returns null when `name` is a valid flow name, else a message saying what is wrong and how to fix it. */
export function checkFlowName(name: unknown): string | null {
  if (typeof name !== 'string' || name.length === 0) return 'A flow name is required.';
  if (name.length > 100) return `Flow name is ${name.length} characters long; at most 100 are allowed.`;
  if (name.includes('/') || name.includes('\\')) return `Flow name "${name}" contains a path separator; use letters, digits, "_", "-" or ".".`;
  if (name.includes('..')) return `Flow name "${name}" contains ".."; use letters, digits, "_", "-" or ".".`;
  if (name.includes('\0')) return 'Flow name contains a NUL character.';
  if (!FLOW_NAME.test(name)) {
    return `Flow name "${name}" is not valid: start with a letter or "_", then use letters, digits, "_", "-" or ".".`;
  }
  return null;
}
