export { startLocalAws, type LocalAws, type LocalAwsOptions } from './local-aws.js';
export type {
  DeadLetter,
  DeliveryAttempt,
  DeliveryRecord,
  DeliveryStatus,
  ExhaustedRetryCondition,
} from './delivery/delivery-records.js';
export type { EventEnvelope } from './events/model.js';
export type { StaticCredential } from './sigv4/credential-store.js';
