import type { ObjectTypeDefinition } from '../activity-definition.js';
import { defineConnectorManifest } from '../define-activity-definition.js';
import { breakLoop } from './break.js';
import { callFlow } from './call-flow.js';
import { changeVariable } from './change-variable.js';
import { continueLoop } from './continue.js';
import { createVariable } from './create-variable.js';
import { decision, decisionPorts, EMPTY_OUTCOME } from './decision.js';
import { end } from './end.js';
import { errorEnd } from './error-end.js';
import { logMessage } from './log-message.js';
import { loop, LOOP_BODY, LOOP_DONE } from './loop.js';
import { merge } from './merge.js';
import { start } from './start.js';

export { start, end, logMessage, createVariable, changeVariable, decision, decisionPorts, EMPTY_OUTCOME, merge, loop, LOOP_BODY, LOOP_DONE, breakLoop, continueLoop, callFlow, errorEnd };

/** The name of the variable an error path sees, as Mendix's `$latestError`. */
export const LATEST_ERROR = 'latestError';

/** The type of `$latestError`. */
export const errorType: ObjectTypeDefinition = {
  name: 'Error',
  description: 'The error an error path handles: $latestError.',
  fields: [
    { name: 'kind', type: 'String', description: 'A stable name to branch on, e.g. StepLimitExceeded, ResourceNotFoundException.' },
    { name: 'message', type: 'String' },
    { name: 'activity', type: 'String', description: 'The id of the node that failed.' },
  ],
};

/** The core activities every catalogue starts with. */
export const coreModule = defineConnectorManifest({
  id: 'core',
  activities: [start, end, createVariable, changeVariable, decision, merge, loop, breakLoop, continueLoop, callFlow, logMessage, errorEnd],
  objectTypes: [errorType],
});
