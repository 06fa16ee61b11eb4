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

/** The model's RoleArn characters (`arnType`): printable text without control characters. */
const ARN_TEXT = /^[\u0009\u000A\u000D\u0020-\u007E\u0085\u00A0-\uD7FF\uE000-\uFFFD\uD800-\uDBFF\uDC00-\uDFFF]+$/;
const ARN_TEXT_PATTERN = '[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD\\u10000-\\u10FFFF]+';

/** An ARN AWS can parse: `arn:<partition>:<service>:<region>:<account>:<resource>` with partition, service and resource set. */
function isWellFormedArn(arn: string): boolean {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return false;
  const [, partition = '', service = ''] = parts;
  return partition !== '' && service !== '' && parts.slice(5).join(':') !== '';
}

function assumeRole(params: URLSearchParams, principal: Principal, ctx: StsContext): string {
  const roleArn = params.get('RoleArn');
  const sessionName = params.get('RoleSessionName');
  const durationText = params.get('DurationSeconds');
  const duration = durationText === null ? 3600 : Number(durationText);

  // Model order (RoleArn, RoleSessionName, ..., DurationSeconds); each member's pattern before its length.
  const violations = new ConstraintViolations();
  if (roleArn === null) violations.add('roleArn', null, 'not be null');
  else {
    if (!ARN_TEXT.test(roleArn)) violations.add('roleArn', roleArn, `satisfy regular expression pattern: ${ARN_TEXT_PATTERN}`);
    if (roleArn.length < 20) violations.add('roleArn', roleArn, 'have length greater than or equal to 20');
    if (roleArn.length > 2048) violations.add('roleArn', roleArn, 'have length less than or equal to 2048');
  }
  if (sessionName === null) violations.add('roleSessionName', null, 'not be null');
  else {
    if (!SESSION_NAME.test(sessionName)) violations.add('roleSessionName', sessionName, 'satisfy regular expression pattern: [\\w+=,.@-]*');
    if (sessionName.length < 2) violations.add('roleSessionName', sessionName, 'have length greater than or equal to 2');
    if (sessionName.length > 64) violations.add('roleSessionName', sessionName, 'have length less than or equal to 64');
  }
  if (durationText !== null && Number.isInteger(duration)) {
    if (duration < 900) violations.add('durationSeconds', durationText, 'have value greater than or equal to 900');
    if (duration > 43200) violations.add('durationSeconds', durationText, 'have value less than or equal to 43200');
  }
  violations.throwIfAny('ValidationError');
  if (!Number.isInteger(duration)) throw new AwsServiceError('ValidationError', `${durationText ?? ''} is not a valid value for DurationSeconds.`);

  const arn = roleArn ?? '';
  // AWS's words for an ARN it cannot parse, recorded: "<arn> is invalid".
  if (!isWellFormedArn(arn)) throw new AwsServiceError('ValidationError', `${arn} is invalid`);
  const match = ROLE_ARN.exec(arn);
  if (!match) {
    throw new AwsServiceError(
      'AccessDenied',
      `User: ${principal.arn} is not authorized to perform: sts:AssumeRole on resource: ${arn}`,
      403,
    );
  }
  const expiration = new Date(ctx.now() + duration * 1000);
  const session = ctx.store.issueSession(
    { arn, accountId: match[1] ?? '', name: match[2] ?? '' },
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
      return assumeRole(params, principal, ctx);
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
