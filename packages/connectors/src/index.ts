/**
 * The installed connectors, listed once. The editor builds its catalogue from this list and the server
 * pairs each manifest with its Node-side implementation, refusing to start when either half is missing.
 * Browser-safe: only `/definitions` manifests are imported here, never an implementation or the AWS SDK.
 */
import { awsAuthDefinitions } from '@flowbridge/connector-aws-auth/definitions';
import { eventBridgeDefinitions } from '@flowbridge/connector-eventbridge/definitions';
import { coreModule, type ConnectorManifest } from '@flowbridge/flow-model';

/** Every installed connector's manifest, core first; adding a connector is one line here. */
export const installedManifests: ReadonlyArray<ConnectorManifest> = [coreModule, awsAuthDefinitions, eventBridgeDefinitions];
