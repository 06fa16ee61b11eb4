/** A connector that exists only for tests: it shows what adding an activity takes (one file, one entry per list). */
import { defineConnectorManifest } from '@flowbridge/flow-model';
import { defineConnector } from '@flowbridge/runtime';
import { shout, shoutDefinition } from './shout.js';

/** The test connector's browser-safe manifest. */
export const testConnectorManifest = defineConnectorManifest({
  id: 'test',
  activities: [shoutDefinition],
});

/** The test connector as the runtime plugs it in. */
export const testConnector = defineConnector(testConnectorManifest, {
  'test.Shout': shout,
});
