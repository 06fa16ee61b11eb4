/** `eventbridge.UpdateConnection`. */
import { UpdateConnectionCommand } from '@aws-sdk/client-eventbridge';
import { optionalString } from '@flowbridge/connector-aws-auth';
import { defineActivity } from '@flowbridge/runtime';
import { eventBridgeFor } from './client.js';
import { readConnectionAuth } from './connection-auth.js';
import { resourceName } from './resource-names.js';
import { compact, isoTime } from './responses.js';
import { updateConnection as definition } from './definitions/connections.js';

/** Updates the fields that are set; a missing connection fails with ResourceNotFoundException. */
export const updateConnection = defineActivity(definition, async (ctx) => {
  const eventBridge = await eventBridgeFor(ctx);
  const name = await resourceName(ctx, 'name', 'Connection name');
  const description = await optionalString(ctx, 'description', 'Description');
  const auth = await readConnectionAuth(ctx, false);
  const out = await eventBridge.call('UpdateConnection', (client, options) =>
    client.send(
      new UpdateConnectionCommand({
        Name: name,
        ...(description !== undefined ? { Description: description } : {}),
        ...(auth ? { AuthorizationType: auth.type, AuthParameters: auth.parameters } : {}),
      }),
      options,
    ),
  );
  return {
    output: compact({
      ConnectionArn: out.ConnectionArn,
      ConnectionState: out.ConnectionState,
      CreationTime: isoTime(out.CreationTime),
      LastModifiedTime: isoTime(out.LastModifiedTime),
      LastAuthorizedTime: isoTime(out.LastAuthorizedTime),
    }),
  };
});
