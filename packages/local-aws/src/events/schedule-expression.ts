/**
 * EventBridge schedule expressions: `rate(5 minutes)` and six-field `cron(min hour day-of-month month
 * day-of-week year)` in UTC. Supported cron syntax: `*`, `?`, numbers, names (JAN, MON), ranges `a-b`,
 * lists `a,b` and steps `a/n` or `*\/n`. `L`, `W` and `#` are valid in AWS but not run locally.
 */
export type Schedule =
  | { readonly kind: 'rate'; readonly periodMs: number }
  | { readonly kind: 'cron'; readonly fields: CronFields }
  | { readonly kind: 'unsupported'; readonly reason: string };

interface CronFields {
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  readonly daysOfMonth: ReadonlySet<number> | 'any';
  readonly months: ReadonlySet<number>;
  readonly daysOfWeek: ReadonlySet<number> | 'any';
  readonly years: ReadonlySet<number>;
}

const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

class InvalidSchedule extends Error {}

function parseField(text: string, min: number, max: number, names: readonly string[] = [], nameBase = min): Set<number> {
  const values = new Set<number>();
  const toNumber = (token: string): number => {
    const named = names.indexOf(token.toUpperCase());
    const n = named >= 0 ? named + nameBase : Number(token);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidSchedule(token);
    return n;
  };
  for (const part of text.split(',')) {
    const [range = '', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new InvalidSchedule(part);
    let from: number;
    let to: number;
    if (range === '*') {
      from = min;
      to = max;
    } else if (range.includes('-')) {
      const [a = '', b = ''] = range.split('-');
      from = toNumber(a);
      to = toNumber(b);
    } else {
      from = toNumber(range);
      to = stepText === undefined ? from : max;
    }
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

/** Parses a schedule expression; returns undefined when AWS would call it not valid. */
export function parseSchedule(expression: string): Schedule | undefined {
  const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression.trim());
  if (rate) {
    const value = Number(rate[1]);
    const unit = rate[2] ?? '';
    // AWS wants the singular unit for 1 and the plural otherwise.
    if (value < 1 || (value === 1) !== !unit.endsWith('s')) return undefined;
    return { kind: 'rate', periodMs: value * (UNIT_MS[unit.replace(/s$/, '')] ?? 0) };
  }
  const cron = /^cron\((.*)\)$/.exec(expression.trim());
  const parts = cron?.[1]?.trim().split(/\s+/) ?? [];
  if (!cron || parts.length !== 6) return undefined;
  const [minutes = '', hours = '', dom = '', month = '', dow = '', year = ''] = parts;
  // Exactly one of day-of-month and day-of-week must be `?`.
  if ((dom === '?') === (dow === '?')) return undefined;
  if (/[LW#]/.test(dom + dow)) return { kind: 'unsupported', reason: `${expression} uses L, W or #, which the local scheduler does not run` };
  try {
    return {
      kind: 'cron',
      fields: {
        minutes: parseField(minutes, 0, 59),
        hours: parseField(hours, 0, 23),
        daysOfMonth: dom === '?' ? 'any' : parseField(dom, 1, 31),
        months: parseField(month, 1, 12, MONTHS, 1),
        daysOfWeek: dow === '?' ? 'any' : parseField(dow, 1, 7, DAYS, 1),
        years: parseField(year, 1970, 2199),
      },
    };
  } catch {
    return undefined;
  }
}

function dayMatches(fields: CronFields, date: Date): boolean {
  const domOk = fields.daysOfMonth === 'any' || fields.daysOfMonth.has(date.getUTCDate());
  const dowOk = fields.daysOfWeek === 'any' || fields.daysOfWeek.has(date.getUTCDay() + 1);
  return (
    fields.years.has(date.getUTCFullYear()) && fields.months.has(date.getUTCMonth() + 1) && domOk && dowOk
  );
}

/** The first time strictly after `after` (epoch ms) a schedule fires; undefined when it never does. */
export function nextFireTime(schedule: Schedule, after: number, anchor: number): number | undefined {
  if (schedule.kind === 'unsupported') return undefined;
  if (schedule.kind === 'rate') {
    const periods = Math.floor((after - anchor) / schedule.periodMs) + 1;
    return anchor + Math.max(1, periods) * schedule.periodMs;
  }
  const { fields } = schedule;
  const start = new Date(Math.floor(after / 60_000) * 60_000 + 60_000);
  const day = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate()));
  for (let d = 0; d < 366 * 5; d++, day.setUTCDate(day.getUTCDate() + 1)) {
    if (!dayMatches(fields, day)) continue;
    for (const hour of [...fields.hours].sort((a, b) => a - b)) {
      for (const minute of [...fields.minutes].sort((a, b) => a - b)) {
        const t = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hour, minute);
        if (t >= start.getTime()) return t;
      }
    }
  }
  return undefined;
}
