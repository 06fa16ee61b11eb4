/** Implementations of the core activities, paired with their definitions from flow-model. */
import { coreModule } from '@flowbridge/flow-model';
import type { RuntimeModule } from '../engine.js';
import { breakLoop, callFlow, continueLoop, decision, errorEnd, loop, merge } from './control.js';
import { end } from './end.js';
import { logMessage } from './log-message.js';
import { start } from './start.js';
import { changeVariable, createVariable } from './variables.js';

/** The core activities, ready to plug into an engine. */
export const coreRuntimeModule: RuntimeModule = {
  definitions: coreModule,
  implementations: [start, end, createVariable, changeVariable, decision, merge, loop, breakLoop, continueLoop, callFlow, logMessage, errorEnd],
};
