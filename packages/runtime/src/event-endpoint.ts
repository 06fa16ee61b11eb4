/**
 * What a connector declares about an HTTP endpoint that receives events: where it is, how a request is
 * checked, and how the request becomes an event that finds its flow. The host owns everything after
 * that (inbox, dispatcher, leases, retries, parking, group commit, rate limits, key lockout), so the
 * declaration is framework-free and holds no state.
 */

/** A request as the host hands it to an endpoint's check, already read (framework-free). */
export interface EndpointRequest {
  method: string;
  /** The path and query as received. */
  uri: string;
  /** Header names as the HTTP stack delivers them (Node: lower case). */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The raw body as UTF-8 text. */
  body: string;
}

/** The key the host expects, resolved from the workspace (settings may rename the constant and the header). */
export interface EndpointAuth {
  /** The expected API key; undefined or empty refuses every request. */
  apiKey: string | undefined;
  /** The lower-case header that carries the key. */
  apiKeyHeader: string;
}

/** An accepted event, ready for the inbox. */
export interface EndpointEvent {
  /** Identifies the event: a redelivery with the same id is acknowledged and not run again. */
  id: string;
  /** How the event finds its flow: the routing key its callback flow is bound under. */
  type: string;
  /** Who sent it (shown in the inbox). */
  source: string;
  /** The event itself; the callback's `HttpRequest` parameter holds it as `event`. */
  event: unknown;
  /** The rest of the callback's `HttpRequest` value (method, uri, headers, content), without credentials. */
  request: Record<string, unknown>;
}

/** A request the endpoint refuses, with an answer the sender (or its operator) can act on. */
export interface EndpointRefusal {
  ok: false;
  /** 4xx: the sender should not retry the same request. */
  status: number;
  /** A short code, e.g. `InvalidEvent`. */
  error: string;
  message: string;
}

/** The outcome of an endpoint's request check: the event itself (flat, to spare an object per request) or the refusal. */
export type EndpointCheck = ({ ok: true } & EndpointEvent) | EndpointRefusal;

/** How the endpoint appears in the HTTP API document (`/api/openapi.json`). */
export interface EndpointDocumentation {
  /** One line, e.g. what calls it and how it authenticates. */
  summary: string;
  /** Name of the event body schema in the document, e.g. `EventBridgeEvent`. */
  eventName: string;
  /** The event's required top-level fields and their JSON types (other fields are allowed). */
  eventFields: Readonly<Record<string, 'string' | 'object'>>;
  /** What the API key header holds. */
  apiKeyDescription: string;
}

/** An HTTP endpoint a connector declares: the host mounts it and runs the event pipeline behind it. */
export interface EventEndpointDeclaration {
  /** Absolute path the endpoint answers POST on, e.g. `/rest/Vendor/v1/event`; other methods get 405. */
  readonly path: string;
  /** Who calls it, named in answers that tell the sender it will retry (e.g. `EventBridge`). */
  readonly sender: string;
  /**
   * The object type of the callback flow's parameter that receives the request (e.g. `HttpRequest`):
   * the bound flow's parameter of this type is given `{ ...request, event }`.
   */
  readonly callbackParameterType: string;
  /**
   * API key authentication. The workspace settings name the key's constant and header (`eventEndpoint`),
   * the host resolves them and locks out keys that keep failing; the connector compares.
   */
  readonly auth: {
    /** True when the presented key is the expected one; constant time, so timing leaks nothing. */
    keyMatches(presented: string | undefined, expected: string | undefined): boolean;
  };
  /** Checks the key first (nothing else is looked at without it), then turns the request into an event. */
  check(request: EndpointRequest, auth: EndpointAuth): EndpointCheck;
  readonly documentation: EndpointDocumentation;
}
