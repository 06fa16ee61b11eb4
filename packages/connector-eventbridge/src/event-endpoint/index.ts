/** The receiving half of the EventBridge connector: its endpoint declaration and framework-free request checks (the server owns the inbox and dispatcher). */
export * from './api-key.js';
export * from './event-request.js';
export * from './endpoint-declaration.js';
