/** `aws.GetStaticCredentials`: Credentials from constants. */
import { defineActivity } from '@flowbridge/runtime';
import { optionalConstantString, requiredConstantString } from './constants.js';
import type { AwsCredentials } from './credentials.js';
import { getStaticCredentials as definition } from './definitions/get-static-credentials.js';

/** Reads the access key constants into a Credentials value; secrets stay out of logs (the type marks them secret). */
export const getStaticCredentials = defineActivity(definition, async (ctx) => {
  const accessKeyId = await requiredConstantString(ctx, 'accessKeyId', 'Access key id');
  const secretAccessKey = await requiredConstantString(ctx, 'secretAccessKey', 'Secret access key');
  const sessionToken = await optionalConstantString(ctx, 'sessionToken', 'Session token');
  const output: AwsCredentials = { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
  return { output };
});
