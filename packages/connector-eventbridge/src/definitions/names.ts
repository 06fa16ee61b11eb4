/** Name rules EventBridge enforces, checked before a call so the error names the field. */

/** Connection, API destination, rule and target id names: `[.\-_A-Za-z0-9]+`, 1 to 64 characters. */
export const RESOURCE_NAME = /^[.\-_A-Za-z0-9]{1,64}$/;

/** Event bus names (or ARNs): `[/.\-_A-Za-z0-9]+`, up to 256 characters (1600 for an ARN). */
export const EVENT_BUS_NAME = /^(arn:aws[\w-]*:events:[\w-]+:\d{12}:event-bus\/)?[/.\-_A-Za-z0-9]{1,256}$/;

/** The routing path of the app's event endpoint, appended to APP_URL. */
export const EVENT_ENDPOINT_PATH = '/rest/EventBridge/v1/event';

/** The HTTP methods an API destination can use. */
export const HTTP_METHODS = ['POST', 'GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'DELETE'] as const;
