/** How the shared repositories reach either database. */

/**
 * Runs one statement. `name` identifies the statement text: PostgreSQL prepares it under that name
 * once per connection; SQLite keeps its prepared statements by text and ignores the name.
 */
export interface StatementRunner {
  /** The rows the statement returns (typed by the caller, who knows the columns it selected). */
  rows<R>(name: string, text: string, values?: readonly unknown[]): Promise<R[]>;
  /** How many rows the statement changed. */
  changes(name: string, text: string, values?: readonly unknown[]): Promise<number>;
  /**
   * `changes` for the writes of a run's life (insert and update), which come from concurrent
   * dispatcher workers: SQLite commits those of one event-loop turn together (one fsync).
   */
  write(name: string, text: string, values: readonly unknown[]): Promise<number>;
}
