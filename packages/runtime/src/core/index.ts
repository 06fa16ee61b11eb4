/** Implementations of the core activities, paired with their definitions from flow-model. */
import { coreModule } from '@flowbridge/flow-model';
import { defineConnector, type Connector } from '../connector.js';
import { breakLoop, callFlow, continueLoop, decision, errorEnd, loop, merge } from './control.js';
import { end } from './end.js';
import { logMessage } from './log-message.js';
import { start } from './start.js';
import { changeVariable, createVariable } from './variables.js';

/** The core activities, ready to plug into an engine. */
export const coreRuntimeModule: Connector = defineConnector(coreModule, {
  'core.Start': start,
  'core.End': end,
  'core.CreateVariable': createVariable,
  'core.ChangeVariable': changeVariable,
  'core.Decision': decision,
  'core.Merge': merge,
  'core.Loop': loop,
  'core.Break': breakLoop,
  'core.Continue': continueLoop,
  'core.CallFlow': callFlow,
  'core.LogMessage': logMessage,
  'core.ErrorEnd': errorEnd,
});
