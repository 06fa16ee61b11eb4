/**
 * The one error this package throws: a pattern EventBridge would reject.
 * Name and message follow AWS (`InvalidEventPatternException`, `Event pattern is not valid. Reason: …`)
 * so callers can forward it unchanged from an emulated PutRule or TestEventPattern.
 */
export class InvalidEventPatternError extends Error {
  override readonly name = 'InvalidEventPatternException';

  /**
   * @param reason AWS's reason text (what follows `Reason: `).
   * @param path the dotted field path the problem is at, when there is one (not part of AWS's message).
   */
  constructor(
    readonly reason: string,
    readonly path?: string,
  ) {
    super(`Event pattern is not valid. Reason: ${reason}`);
  }
}
