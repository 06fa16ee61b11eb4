import { AwsServiceError, ConstraintViolations } from '../aws-error.js';
import type { CredentialStore, Principal } from '../sigv4/credential-store.js';
import { renderXml, type XmlTree } from './query-xml.js';
import { isoSeconds } from '../time-format.js';

const NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';
const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;
const SESSION_NAME = /^[\w+=,.@-]*$/;

export interface StsContext {
  readonly store: CredentialStore;
  readonly now: () => number;
  readonly requestId: string;
}

function wrap(action: string, result: XmlTree, requestId: string): string {
  return (
    `<${action}Response xmlns="${NAMESPACE}">` +
    renderXml({ [`${action}Result`]: result, ResponseMetadata: { RequestId: requestId } }) +
    `</${action}Response>`
  );
}

function assumeRole(params: URLSearchParams, ctx: StsContext): string {
  const roleArn = params.get('RoleArn');
  const sessionName = params.get('RoleSessionName');
  const durationText = params.get('DurationSeconds');
  const duration = durationText === null ? 3600 : Number(durationText);

  const violations = new ConstraintViolations();
  if (roleArn === null) violations.add('roleArn', null, 'not be null');
  else if (roleArn.length < 20) violations.add('roleArn', roleArn, 'have length greater than or equal to 20');
  if (sessionName === null) violations.add('roleSessionName', null, 'not be null');
  else if (!SESSION_NAME.test(sessionName)) {
    violations.add('roleSessionName', sessionName, 'satisfy regular expression pattern: [\\w+=,.@-]*');
  } else if (sessionName.length < 2 || sessionName.length > 64) {
    violations.add('roleSessionName', sessionName, 'have length between 2 and 64');
  }
  if (!Number.isInteger(duration) || duration < 900) {
    violations.add('durationSeconds', durationText, 'have value greater than or equal to 900');
  } else if (duration > 43200) {
    violations.add('durationSeconds', durationText, 'have value less than or equal to 43200');
  }
  violations.throwIfAny('ValidationError');

  const match = ROLE_ARN.exec(roleArn ?? '');
  if (!match) {
    throw new AwsServiceError(
      'ValidationError',
      `${roleArn ?? ''} is invalid: RoleArn must look like arn:aws:iam::123456789012:role/RoleName.`,
    );
  }
  const expiration = new Date(ctx.now() + duration * 1000);
  const session = ctx.store.issueSession(
    { arn: roleArn ?? '', accountId: match[1] ?? '', name: match[2] ?? '' },
    sessionName ?? '',
    expiration,
  );
  return wrap(
    'AssumeRole',
    {
      Credentials: {
        AccessKeyId: session.accessKeyId,
        SecretAccessKey: session.secretAccessKey,
        SessionToken: session.sessionToken,
        Expiration: isoSeconds(expiration.getTime()),
      },
      AssumedRoleUser: { AssumedRoleId: session.principal.userId, Arn: session.principal.arn },
    },
    ctx.requestId,
  );
}

function getCallerIdentity(principal: Principal, ctx: StsContext): string {
  return wrap(
    'GetCallerIdentity',
    { UserId: principal.userId, Account: principal.accountId, Arn: principal.arn },
    ctx.requestId,
  );
}

/** Runs one STS Query-protocol action and returns its XML response body. */
export function handleStsAction(params: URLSearchParams, principal: Principal, ctx: StsContext): string {
  const action = params.get('Action') ?? '';
  switch (action) {
    case 'AssumeRole':
      return assumeRole(params, ctx);
    case 'GetCallerIdentity':
      return getCallerIdentity(principal, ctx);
    default:
      throw new AwsServiceError(
        'InvalidAction',
        `Could not find operation ${action} for version ${params.get('Version') ?? 'NO_VERSION_SPECIFIED'}`,
      );
  }
}

/** Renders an STS error as the Query protocol's ErrorResponse document. */
export function renderStsError(error: AwsServiceError, requestId: string): string {
  return (
    `<ErrorResponse xmlns="${NAMESPACE}">` +
    renderXml({ Error: { Type: error.fault, Code: error.code, Message: error.message }, RequestId: requestId }) +
    `</ErrorResponse>`
  );
}
