/** The activities this server can run: the composition of every installed runtime module. */
import { awsAuthModule } from '@flowbridge/connector-aws-auth';
import { eventBridgeModule } from '@flowbridge/connector-eventbridge';
import { coreRuntimeModule, createEngine, type Engine } from '@flowbridge/runtime';

/** Builds the server's engine from the installed connectors. */
export function createServerEngine(): Engine {
  return createEngine([coreRuntimeModule, awsAuthModule, eventBridgeModule]);
}
