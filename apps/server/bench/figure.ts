/** One bench figure, as `npm run bench --json` prints it: a value, and its baseline when it has one. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
  min: number;
  max: number;
}

/** The middle sample (the upper middle of an even count), as the figures report. */
export const median = (samples: number[]): number => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
