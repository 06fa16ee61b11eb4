/** `eventbridge.UpdateApiDestination`. */
import { UpdateApiDestinationCommand } from '@aws-sdk/client-eventbridge';
import { defineActivity } from '@flowbridge/runtime';
import { readApiDestinationInput } from './api-destination-input.js';
import { eventBridgeFor } from './client.js';
import { resourceName } from './resource-names.js';
import { compact, isoTime } from './responses.js';
import { updateApiDestination as definition } from './definitions/api-destinations.js';

/** Updates the fields that are set; a missing destination fails with ResourceNotFoundException. */
export const updateApiDestination = defineActivity(definition, async (ctx) => {
  const eventBridge = await eventBridgeFor(ctx);
  const name = await resourceName(ctx, 'name', 'API destination name');
  const input = await readApiDestinationInput(ctx, false);
  const out = await eventBridge.call('UpdateApiDestination', (client, options) => client.send(new UpdateApiDestinationCommand({ Name: name, ...input }), options));
  return {
    output: compact({
      ApiDestinationArn: out.ApiDestinationArn,
      ApiDestinationState: out.ApiDestinationState,
      CreationTime: isoTime(out.CreationTime),
      LastModifiedTime: isoTime(out.LastModifiedTime),
    }),
  };
});
