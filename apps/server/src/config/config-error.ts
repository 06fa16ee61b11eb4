/** A configuration problem that stops start-up: names where (file or variable, field) and what to do. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(
    /** A file path or an environment variable name. */
    readonly where: string,
    /** The field inside `where`, dotted (absent for a whole variable). */
    readonly field: string | undefined,
    problem: string,
  ) {
    super(`${where}${field ? `: ${field}` : ''}: ${problem}`);
  }
}
