/** `eventbridge.CreateConnection`. */
import { CreateConnectionCommand } from '@aws-sdk/client-eventbridge';
import { optionalString } from '@flowbridge/connector-aws-auth';
import { defineActivity } from '@flowbridge/runtime';
import { eventBridgeFor } from './client.js';
import { readConnectionAuth } from './connection-auth.js';
import { resourceName } from './resource-names.js';
import { compact, isoTime } from './responses.js';
import { createConnection as definition } from './definitions/connections.js';

/** Creates a connection; an existing name fails with ResourceAlreadyExistsException. */
export const createConnection = defineActivity(definition, async (ctx) => {
  const eventBridge = await eventBridgeFor(ctx);
  const name = await resourceName(ctx, 'name', 'Connection name');
  const description = await optionalString(ctx, 'description', 'Description');
  const auth = (await readConnectionAuth(ctx, true))!;
  const out = await eventBridge.call('CreateConnection', (client, options) =>
    client.send(new CreateConnectionCommand({ Name: name, Description: description, AuthorizationType: auth.type, AuthParameters: auth.parameters }), options),
  );
  return {
    output: compact({
      ConnectionArn: out.ConnectionArn,
      ConnectionState: out.ConnectionState,
      CreationTime: isoTime(out.CreationTime),
      LastModifiedTime: isoTime(out.LastModifiedTime),
    }),
  };
});
