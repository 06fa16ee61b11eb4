/** Implementations of the core activities, paired with their definitions from flow-model. */
import { coreModule } from '@flowbridge/flow-model';
import type { ActivityImplementation, LogLevel } from '../activity-implementation.js';
import type { RuntimeModule } from '../engine.js';

const start: ActivityImplementation = { kind: 'core.Start', execute: () => ({}) };

const end: ActivityImplementation = {
  kind: 'core.End',
  async execute(ctx) {
    const hasReturn = typeof ctx.raw('returnValue') === 'string' && ctx.raw('returnValue') !== '';
    return hasReturn ? { output: await ctx.value('returnValue') } : {};
  },
};

const logMessage: ActivityImplementation = {
  kind: 'core.LogMessage',
  async execute(ctx) {
    const message = String(await ctx.value('message'));
    const level = (ctx.raw('level') as LogLevel | undefined) ?? 'info';
    ctx.log(level, message);
    return {};
  },
};

/** The core activities, ready to plug into an engine. */
export const coreRuntimeModule: RuntimeModule = {
  definitions: coreModule,
  implementations: [start, end, logMessage],
};
