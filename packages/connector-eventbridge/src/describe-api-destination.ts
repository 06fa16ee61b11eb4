/** `eventbridge.DescribeApiDestination`. */
import { DescribeApiDestinationCommand } from '@aws-sdk/client-eventbridge';
import { defineActivity } from '@flowbridge/runtime';
import { eventBridgeFor } from './client.js';
import { resourceName } from './resource-names.js';
import { compact, isoTime } from './responses.js';
import { describeApiDestination as definition } from './definitions/api-destinations.js';

/** Reads an API destination; a missing one fails with ResourceNotFoundException. */
export const describeApiDestination = defineActivity(definition, async (ctx) => {
  const eventBridge = await eventBridgeFor(ctx);
  const name = await resourceName(ctx, 'name', 'API destination name');
  const out = await eventBridge.call('DescribeApiDestination', (client, options) => client.send(new DescribeApiDestinationCommand({ Name: name }), options));
  return {
    output: compact({
      ApiDestinationArn: out.ApiDestinationArn,
      Name: out.Name,
      Description: out.Description,
      ApiDestinationState: out.ApiDestinationState,
      ConnectionArn: out.ConnectionArn,
      InvocationEndpoint: out.InvocationEndpoint,
      HttpMethod: out.HttpMethod,
      InvocationRateLimitPerSecond: out.InvocationRateLimitPerSecond,
      CreationTime: isoTime(out.CreationTime),
      LastModifiedTime: isoTime(out.LastModifiedTime),
    }),
  };
});
