/** The receiving half of the EventBridge connector: framework-free request checks (the server owns the inbox and dispatcher). */
export * from './api-key.js';
export * from './event-request.js';
