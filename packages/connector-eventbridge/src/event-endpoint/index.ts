/** The receiving half of the EventBridge connector: request checks, group commit and the dispatcher. */
export * from './api-key.js';
export * from './event-request.js';
export * from './group-commit.js';
export * from './dispatcher.js';
