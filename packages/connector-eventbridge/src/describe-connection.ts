/** `eventbridge.DescribeConnection`. */
import { DescribeConnectionCommand, type DescribeConnectionCommandOutput } from '@aws-sdk/client-eventbridge';
import { defineActivity } from '@flowbridge/runtime';
import { eventBridgeFor } from './client.js';
import { resourceName } from './resource-names.js';
import { compact, isoTime } from './responses.js';
import { describeConnection as definition } from './definitions/connections.js';

/** A ConnectionDescription value from DescribeConnection's answer. */
export function toConnectionDescription(out: DescribeConnectionCommandOutput): Record<string, unknown> {
  return compact({
    ConnectionArn: out.ConnectionArn,
    Name: out.Name,
    Description: out.Description,
    ConnectionState: out.ConnectionState,
    StateReason: out.StateReason,
    AuthorizationType: out.AuthorizationType,
    ApiKeyName: out.AuthParameters?.ApiKeyAuthParameters?.ApiKeyName,
    Username: out.AuthParameters?.BasicAuthParameters?.Username,
    SecretArn: out.SecretArn,
    CreationTime: isoTime(out.CreationTime),
    LastModifiedTime: isoTime(out.LastModifiedTime),
    LastAuthorizedTime: isoTime(out.LastAuthorizedTime),
  });
}

/** Reads a connection; a missing one fails with ResourceNotFoundException, which flows catch on the error path. */
export const describeConnection = defineActivity(definition, async (ctx) => {
  const eventBridge = await eventBridgeFor(ctx);
  const name = await resourceName(ctx, 'name', 'Connection name');
  const out = await eventBridge.call('DescribeConnection', (client, options) => client.send(new DescribeConnectionCommand({ Name: name }), options));
  return { output: toConnectionDescription(out) };
});
