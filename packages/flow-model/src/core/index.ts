import type { CatalogueModule } from '../activity-definition.js';
import { end } from './end.js';
import { logMessage } from './log-message.js';
import { start } from './start.js';

export { start, end, logMessage };

/** The core activities every catalogue starts with. */
export const coreModule: CatalogueModule = {
  activities: [start, end, logMessage],
};
