/**
 * The editor's catalogue: browser-safe activity definitions only (never implementations, never the
 * AWS SDK). Adding a connector to the editor is one line here.
 */
import { coreModule, createCatalogue, type Catalogue } from '@flowbridge/flow-model';
import { awsAuthDefinitions } from '@flowbridge/connector-aws-auth/definitions';
import { eventBridgeDefinitions } from '@flowbridge/connector-eventbridge/definitions';

export const baseCatalogue: Catalogue = createCatalogue([coreModule, awsAuthDefinitions, eventBridgeDefinitions]);
