/** `eventbridge.CreateApiDestination`. */
import { CreateApiDestinationCommand } from '@aws-sdk/client-eventbridge';
import { defineActivity } from '@flowbridge/runtime';
import { readApiDestinationInput } from './api-destination-input.js';
import { eventBridgeFor } from './client.js';
import { resourceName } from './resource-names.js';
import { compact, isoTime } from './responses.js';
import { createApiDestination as definition } from './definitions/api-destinations.js';

/** Creates an API destination; with Wildcard the endpoint gets `/*` appended. */
export const createApiDestination = defineActivity(definition, async (ctx) => {
  const eventBridge = await eventBridgeFor(ctx);
  const name = await resourceName(ctx, 'name', 'API destination name');
  const input = await readApiDestinationInput(ctx, true);
  const out = await eventBridge.call('CreateApiDestination', (client, options) =>
    client.send(
      new CreateApiDestinationCommand({
        Name: name,
        ...input,
        ConnectionArn: input.ConnectionArn!,
        InvocationEndpoint: input.InvocationEndpoint!,
        HttpMethod: input.HttpMethod!,
      }),
      options,
    ),
  );
  return {
    output: compact({
      ApiDestinationArn: out.ApiDestinationArn,
      ApiDestinationState: out.ApiDestinationState,
      CreationTime: isoTime(out.CreationTime),
      LastModifiedTime: isoTime(out.LastModifiedTime),
    }),
  };
});
