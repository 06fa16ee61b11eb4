import { randomUUID } from 'node:crypto';

/** Where ARNs are minted: every ARN this service creates names this region and account. */
export interface ArnScope {
  readonly region: string;
  readonly accountId: string;
}

export function eventBusArn(scope: ArnScope, name: string): string {
  return `arn:aws:events:${scope.region}:${scope.accountId}:event-bus/${name}`;
}

/** Rules on `default` have no bus segment; rules on custom buses do (AWS's format). */
export function ruleArn(scope: ArnScope, busName: string, ruleName: string): string {
  const path = busName === 'default' ? ruleName : `${busName}/${ruleName}`;
  return `arn:aws:events:${scope.region}:${scope.accountId}:rule/${path}`;
}

export function connectionArn(scope: ArnScope, name: string): string {
  return `arn:aws:events:${scope.region}:${scope.accountId}:connection/${name}/${randomUUID()}`;
}

export function apiDestinationArn(scope: ArnScope, name: string): string {
  return `arn:aws:events:${scope.region}:${scope.accountId}:api-destination/${name}/${randomUUID()}`;
}

/** The Secrets Manager ARN AWS reports for the secret behind a connection. */
export function connectionSecretArn(scope: ArnScope, name: string): string {
  const suffix = Math.random().toString(36).slice(2, 8).padEnd(6, '0');
  return `arn:aws:secretsmanager:${scope.region}:${scope.accountId}:secret:events!connection/${name}/${randomUUID()}-${suffix}`;
}

const BUS_ARN = /^arn:aws[\w-]*:events:[\w-]+:\d{12}:event-bus\/([/.\-_A-Za-z0-9]+)$/;
const API_DESTINATION_ARN = /^arn:aws[a-z-]*:events:[a-z\d-]*:(\d{12})?:api-destination\/([.\-_A-Za-z0-9]+)\/[-A-Za-z0-9]+$/;

/** The bus name behind an "event bus name or ARN" parameter; `default` when omitted. */
export function busNameFromNameOrArn(value: string | undefined): string {
  if (value === undefined || value === '') return 'default';
  const m = BUS_ARN.exec(value);
  return m?.[1] ?? value;
}

/** The API destination name in an API destination ARN, or undefined when the ARN is not one. */
export function apiDestinationNameFromArn(value: string): string | undefined {
  return API_DESTINATION_ARN.exec(value)?.[2];
}

/** A loose ARN shape check, as PutTargets applies to target ARNs. */
export function isArn(value: string): boolean {
  return /^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:(\d{12})?:.+$/.test(value);
}
