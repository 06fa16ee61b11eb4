/**
 * The byte budget of one run's record. Every value the trace and the log show draws on it, so a run
 * record stays under `maxTraceBytes` however big the values a flow handles or however long it loops:
 * one value gets at most a share of what is left (cut with a marker saying how much), steps past the
 * budget are counted instead of kept, and loops keep their first iterations in full, then counts.
 */

export const TRACE_LIMITS = {
  /** The most one value (an input or output of a step) may take in the trace. */
  valueBytes: 64 * 1024,
  /** What a step costs besides its values: ids, kind, times, port (an estimate of its JSON). */
  stepBytes: 160,
  /** Iterations of a loop recorded step by step; later ones are counted on the step after the loop. */
  loopIterationsInFull: 20,
} as const;

/** Remaining bytes of a run's record, shared by its trace and log. */
export class TraceBudget {
  private left: number;
  /** Steps not kept: past the budget, past the step limit or in compacted loop iterations. */
  omittedSteps = 0;
  omittedLogLines = 0;
  /** True once a step or log line was dropped for the budget (not for loop compaction). */
  exhausted = false;

  constructor(readonly totalBytes: number) {
    this.left = totalBytes;
  }

  /** Bytes the next value may take. */
  valueAllowance(): number {
    return Math.max(0, Math.min(TRACE_LIMITS.valueBytes, this.left));
  }

  /** Takes `bytes` for a step or log line; false (and nothing taken) when they no longer fit. */
  take(bytes: number): boolean {
    if (bytes > this.left) {
      this.exhausted = true;
      return false;
    }
    this.left -= bytes;
    return true;
  }

  private logBytes = 0;

  /** Takes `bytes` for a log line: the log may use half the budget, so a chatty loop cannot starve the trace of the step that fails. */
  takeLog(bytes: number): boolean {
    if (this.logBytes + bytes > this.totalBytes / 2 || !this.take(bytes)) {
      this.exhausted = true;
      return false;
    }
    this.logBytes += bytes;
    return true;
  }

  /** Bytes charged for the values of the step being recorded, refunded when the step is not kept. */
  private pending = 0;

  /** Charges bytes already used by a value (never refused: the value was cut to its allowance). */
  charge(bytes: number): void {
    this.left -= bytes;
    this.pending += bytes;
  }

  /** The values charged since the last step are kept with it. */
  settle(): void {
    this.pending = 0;
  }

  /** The values charged since the last step are not kept: give their bytes back. */
  refund(): void {
    this.left += this.pending;
    this.pending = 0;
  }
}
