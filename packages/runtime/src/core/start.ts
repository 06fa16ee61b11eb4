import type { ActivityImplementation } from '../activity-implementation.js';

/** Start does nothing itself: the parameters are bound before the first step. */
export const start: ActivityImplementation = { kind: 'core.Start', execute: () => ({}) };
