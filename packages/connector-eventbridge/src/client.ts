/** The EventBridge SDK client of an activity node, and the call wrapper that turns its errors into FlowErrors. */
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { awsCall, cachedClient, readAwsClientConfig } from '@flowbridge/connector-aws-auth';
import type { ActivityContext } from '@flowbridge/runtime';

/** An EventBridge client for the node plus a `call` that maps failures to FlowErrors naming the operation. */
export interface NodeEventBridge {
  client: EventBridgeClient;
  region: string;
  call<T>(operation: string, send: (client: EventBridgeClient, options: { abortSignal: AbortSignal }) => Promise<T>): Promise<T>;
}

/** Reads the node's Region, Credentials and client settings and returns a (cached) EventBridge client. */
export async function eventBridgeFor(ctx: ActivityContext, now: number = Date.now()): Promise<NodeEventBridge> {
  const { region, config } = await readAwsClientConfig(ctx, now);
  const client = cachedClient(EventBridgeClient, config);
  return {
    client,
    region,
    call: (operation, send) =>
      awsCall({ service: 'EventBridge', operation, nodeId: ctx.node.id, ...(config.endpoint ? { endpoint: config.endpoint } : {}) }, () =>
        send(client, { abortSignal: ctx.signal }),
      ),
  };
}
