/** Structured logs (pino): JSON lines, secrets masked, credentials in headers never written. */
import { pino, type DestinationStream, type Logger } from 'pino';
import type { SecretMasker } from './secret-masker.js';

export type { Logger } from 'pino';

export interface LoggerOptions {
  level: string;
  masker: SecretMasker;
  /** Where lines go (tests capture them); stdout by default. */
  destination?: DestinationStream;
}

/** Creates the process logger; every argument of every call passes through the secret masker. */
export function createLogger(options: LoggerOptions): Logger {
  const { masker } = options;
  return pino(
    {
      level: options.level,
      base: { service: 'flowbridge' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: {
        paths: ['headers.authorization', 'headers.cookie', 'headers["x-api-key"]', 'req.headers.authorization', 'req.headers["x-api-key"]', '*.secretAccessKey', '*.sessionToken'],
        censor: '***',
      },
      hooks: {
        logMethod(args, method) {
          // Masks the message and its objects (the secret set can change at run time through the API).
          const masked = args.map((arg) => masker.mask(arg)) as Parameters<typeof method>;
          method.apply(this, masked);
        },
      },
    },
    options.destination,
  );
}
