/**
 * `eventbridge.RegisterApp`: what Mendix's RegisterMyMendixApp does, idempotently. Ensures the connection
 * `Name` (API_KEY auth with the app's key) and the API destination `Name` → `{APP_URL}/rest/EventBridge/v1/event`
 * (POST) exist as configured, comparing before changing so a repeat run changes nothing.
 */
import {
  CreateApiDestinationCommand,
  CreateConnectionCommand,
  DescribeApiDestinationCommand,
  DescribeConnectionCommand,
  UpdateApiDestinationCommand,
  UpdateConnectionCommand,
} from '@aws-sdk/client-eventbridge';
import { invalidInput, optionalService, optionalString, requiredConstantString } from '@flowbridge/connector-aws-auth';
import { defineActivity, fieldDefault, fieldLabel, FlowError, type ActivityContext, type DefinedActivity, type TypedActivityContext } from '@flowbridge/runtime';
import { apiKeyFingerprint, fingerprintMatches } from './api-key-fingerprint.js';
import { eventBridgeFor } from './client.js';
import { EVENT_ENDPOINT_PATH } from './definitions/names.js';
import { registerApp as definition } from './definitions/register-app.js';
import { unlessNotFound } from './not-found.js';
import { resourceName } from './resource-names.js';
import { APP_REGISTRATIONS_SERVICE, APP_URL_SERVICE, MemoryAppRegistrationStore, type AppRegistrationStore } from './services.js';

/** An AppRegistration value, as flows see it. */
export interface AppRegistrationValue {
  ConnectionArn: string;
  ApiDestinationArn: string;
  InvocationEndpoint: string;
  ConnectionChanged: boolean;
  ApiDestinationChanged: boolean;
}

const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,512}$/;

/** Builds the activity; `fallbackStore` remembers key fingerprints when the host supplies no registrations service. */
export function createRegisterApp(fallbackStore: AppRegistrationStore = new MemoryAppRegistrationStore()): DefinedActivity<typeof definition> {
  return defineActivity(definition, async (ctx) => {
    const eventBridge = await eventBridgeFor(ctx);
    const name = await resourceName(ctx, 'name', fieldLabel(definition, 'name'));
    const description = await optionalString(ctx, 'description', fieldLabel(definition, 'description'));
    const apiKey = await requiredConstantString(ctx, 'apiKey', fieldLabel(definition, 'apiKey'));
    const header = readHeader(ctx);
    const invocationEndpoint = `${await appUrl(ctx)}${EVENT_ENDPOINT_PATH}`;
    const store = optionalService(ctx, APP_REGISTRATIONS_SERVICE) ?? fallbackStore;
    const recordKey = `${eventBridge.region}/${name}`;
    const auth = { AuthorizationType: 'API_KEY' as const, AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: header, ApiKeyValue: apiKey } } };

    // Connection: create, or update when its header, description or key differ from what is wanted.
    const connection = await unlessNotFound(() => eventBridge.call('DescribeConnection', (c, o) => c.send(new DescribeConnectionCommand({ Name: name }), o)));
    let connectionArn: string;
    let connectionChanged = false;
    if (!connection) {
      const created = await eventBridge.call('CreateConnection', (c, o) => c.send(new CreateConnectionCommand({ Name: name, Description: description, ...auth }), o));
      connectionArn = required(ctx, created.ConnectionArn, 'CreateConnection', 'ConnectionArn');
      connectionChanged = true;
    } else {
      connectionArn = required(ctx, connection.ConnectionArn, 'DescribeConnection', 'ConnectionArn');
      const record = await store.get(recordKey);
      const keyUnchanged = record !== undefined && record.connectionArn === connectionArn && (await fingerprintMatches(record.apiKeyFingerprint, apiKey, connectionArn));
      const same =
        keyUnchanged &&
        connection.AuthorizationType === 'API_KEY' &&
        connection.AuthParameters?.ApiKeyAuthParameters?.ApiKeyName === header &&
        (description === undefined || connection.Description === description);
      if (!same) {
        await eventBridge.call('UpdateConnection', (c, o) => c.send(new UpdateConnectionCommand({ Name: name, ...(description !== undefined ? { Description: description } : {}), ...auth }), o));
        connectionChanged = true;
      }
    }
    if (connectionChanged) await store.put({ key: recordKey, connectionArn, apiKeyFingerprint: await apiKeyFingerprint(apiKey, connectionArn) });

    // API destination: create, or update when connection, URL, method or description differ.
    const destination = await unlessNotFound(() => eventBridge.call('DescribeApiDestination', (c, o) => c.send(new DescribeApiDestinationCommand({ Name: name }), o)));
    const wanted = { ConnectionArn: connectionArn, InvocationEndpoint: invocationEndpoint, HttpMethod: 'POST' as const };
    let apiDestinationArn: string;
    let apiDestinationChanged = false;
    if (!destination) {
      const created = await eventBridge.call('CreateApiDestination', (c, o) => c.send(new CreateApiDestinationCommand({ Name: name, Description: description, ...wanted }), o));
      apiDestinationArn = required(ctx, created.ApiDestinationArn, 'CreateApiDestination', 'ApiDestinationArn');
      apiDestinationChanged = true;
    } else {
      apiDestinationArn = required(ctx, destination.ApiDestinationArn, 'DescribeApiDestination', 'ApiDestinationArn');
      const same =
        destination.ConnectionArn === wanted.ConnectionArn &&
        destination.InvocationEndpoint === wanted.InvocationEndpoint &&
        destination.HttpMethod === wanted.HttpMethod &&
        (description === undefined || destination.Description === description);
      if (!same) {
        await eventBridge.call('UpdateApiDestination', (c, o) =>
          c.send(new UpdateApiDestinationCommand({ Name: name, ...wanted, ...(description !== undefined ? { Description: description } : {}) }), o),
        );
        apiDestinationChanged = true;
      }
    }

    ctx.log(
      'info',
      connectionChanged || apiDestinationChanged
        ? `Registered ${name}: connection ${connectionChanged ? 'created/updated' : 'unchanged'}, API destination ${apiDestinationChanged ? 'created/updated' : 'unchanged'} → ${invocationEndpoint}.`
        : `${name} is already registered for ${invocationEndpoint}; nothing changed.`,
    );
    const output: AppRegistrationValue = { ConnectionArn: connectionArn, ApiDestinationArn: apiDestinationArn, InvocationEndpoint: invocationEndpoint, ConnectionChanged: connectionChanged, ApiDestinationChanged: apiDestinationChanged };
    return { output };
  });
}

function readHeader(ctx: TypedActivityContext<typeof definition>): string {
  const raw = ctx.raw('apiKeyHeader');
  const header = typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : String(fieldDefault(definition, 'apiKeyHeader'));
  if (!HEADER_NAME.test(header)) throw invalidInput(ctx, 'apiKeyHeader', `${fieldLabel(definition, 'apiKeyHeader')} "${header}" is not a valid HTTP header name`);
  return header;
}

/** The app's public base URL from the host (text, or read from its source), without a trailing slash. */
async function appUrl(ctx: TypedActivityContext<typeof definition>): Promise<string> {
  const service: unknown = ctx.service(APP_URL_SERVICE);
  const url = typeof service === 'object' && service !== null && 'url' in service && typeof service.url === 'function' ? await (service.url as () => Promise<unknown>)() : service;
  if (typeof url !== 'string' || !/^https?:\/\/[^\s/]+/.test(url)) {
    throw new FlowError('InvalidConfiguration', `The app URL (APP_URL) must be an http(s) URL, such as https://app.example.com; it is ${JSON.stringify(url)}.`, ctx.node.id);
  }
  return url.replace(/\/+$/, '');
}

function required(ctx: ActivityContext, value: string | undefined, operation: string, member: string): string {
  if (!value) throw new FlowError('InvalidResponse', `EventBridge ${operation} answered without ${member}.`, ctx.node.id);
  return value;
}
