/** The activities this server can run: the composition of every installed runtime module. */
import { coreRuntimeModule, createEngine, type Engine } from '@flowbridge/runtime';

/** Builds the server's engine from the installed connectors. */
export function createServerEngine(): Engine {
  return createEngine([coreRuntimeModule]);
}
