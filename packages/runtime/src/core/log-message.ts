import type { ActivityImplementation, LogLevel } from '../activity-implementation.js';

const LEVELS: ReadonlySet<string> = new Set(['debug', 'info', 'warning', 'error']);

/** Log Message: writes the evaluated template to the run log. */
export const logMessage: ActivityImplementation = {
  kind: 'core.LogMessage',
  async execute(ctx) {
    const message = String(await ctx.value('message'));
    const level = ctx.raw('level');
    ctx.log(typeof level === 'string' && LEVELS.has(level) ? (level as LogLevel) : 'info', message);
    return {};
  },
};
