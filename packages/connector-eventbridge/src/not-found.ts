/** Describe calls where "does not exist" is an answer, not a failure. */
import { FlowError } from '@flowbridge/runtime';

/** The result of `describe`, or undefined when AWS says the resource does not exist. */
export async function unlessNotFound<T>(describe: () => Promise<T>): Promise<T | undefined> {
  try {
    return await describe();
  } catch (error) {
    if (error instanceof FlowError && error.kind === 'ResourceNotFoundException') return undefined;
    throw error;
  }
}
