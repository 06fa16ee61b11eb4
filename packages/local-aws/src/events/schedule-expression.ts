/**
 * EventBridge schedule expressions: `rate(5 minutes)` and six-field `cron(min hour day-of-month month
 * day-of-week year)` in UTC, with AWS's cron syntax: `*`, `?`, numbers, names (JAN, MON), ranges `a-b`,
 * lists `a,b`, steps `a/n` or `*\/n`, and the wildcards AWS documents: `L` (last day of the month; `5L`
 * the last Thursday), `W` (`3W` the weekday nearest the 3rd; `LW` the last weekday) and `#` (`3#2` the
 * second Tuesday). Days of the week count from 1 = Sunday.
 */
export type Schedule = { readonly kind: 'rate'; readonly periodMs: number } | { readonly kind: 'cron'; readonly fields: CronFields };

type DayOfMonthRule =
  | { readonly kind: 'any' }
  | { readonly kind: 'days'; readonly days: ReadonlySet<number> }
  | { readonly kind: 'last' }
  | { readonly kind: 'lastWeekday' }
  | { readonly kind: 'nearestWeekday'; readonly day: number };

type DayOfWeekRule =
  | { readonly kind: 'any' }
  | { readonly kind: 'days'; readonly days: ReadonlySet<number> }
  | { readonly kind: 'lastOfMonth'; readonly day: number }
  | { readonly kind: 'nth'; readonly day: number; readonly n: number };

interface CronFields {
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  readonly dayOfMonth: DayOfMonthRule;
  readonly months: ReadonlySet<number>;
  readonly dayOfWeek: DayOfWeekRule;
  readonly years: ReadonlySet<number>;
}

const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
/** AWS accepts years 1970–2199. */
const MIN_YEAR = 1970;
const MAX_YEAR = 2199;

class InvalidSchedule extends Error {}

function toNumber(token: string, min: number, max: number, names: readonly string[] = []): number {
  const named = names.indexOf(token.toUpperCase());
  const n = named >= 0 ? named + 1 : /^\d+$/.test(token) ? Number(token) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw new InvalidSchedule(token);
  return n;
}

function parseField(text: string, min: number, max: number, names: readonly string[] = []): Set<number> {
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const [range = '', stepText, extra] = part.split('/');
    if (extra !== undefined) throw new InvalidSchedule(part);
    const step = stepText === undefined ? 1 : /^\d+$/.test(stepText) ? Number(stepText) : NaN;
    if (!Number.isInteger(step) || step < 1) throw new InvalidSchedule(part);
    let from: number;
    let to: number;
    if (range === '*') {
      from = min;
      to = max;
    } else if (range.includes('-')) {
      const [a = '', b = '', more] = range.split('-');
      if (more !== undefined) throw new InvalidSchedule(part);
      from = toNumber(a, min, max, names);
      to = toNumber(b, min, max, names);
    } else {
      from = toNumber(range, min, max, names);
      to = stepText === undefined ? from : max;
    }
    if (from > to) throw new InvalidSchedule(part);
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

function parseDayOfMonth(text: string): DayOfMonthRule {
  if (text === '?') return { kind: 'any' };
  if (text === 'L') return { kind: 'last' };
  if (text === 'LW') return { kind: 'lastWeekday' };
  const weekday = /^(\d{1,2})W$/.exec(text);
  if (weekday) return { kind: 'nearestWeekday', day: toNumber(weekday[1] ?? '', 1, 31) };
  if (/[LW#]/i.test(text)) throw new InvalidSchedule(text);
  return { kind: 'days', days: parseField(text, 1, 31) };
}

function parseDayOfWeek(text: string): DayOfWeekRule {
  if (text === '?') return { kind: 'any' };
  if (text === 'L') return { kind: 'days', days: new Set([7]) };
  const last = /^([A-Za-z]{3}|\d)L$/.exec(text);
  if (last) return { kind: 'lastOfMonth', day: toNumber(last[1] ?? '', 1, 7, DAYS) };
  const nth = /^([A-Za-z]{3}|\d)#(\d)$/.exec(text);
  if (nth) return { kind: 'nth', day: toNumber(nth[1] ?? '', 1, 7, DAYS), n: toNumber(nth[2] ?? '', 1, 5) };
  if (/[LW#]/i.test(text.replace(/[A-Za-z]{3}/g, (name) => (DAYS.includes(name.toUpperCase()) ? '1' : name)))) {
    throw new InvalidSchedule(text);
  }
  return { kind: 'days', days: parseField(text, 1, 7, DAYS) };
}

/** Parses a schedule expression; returns undefined when AWS would call it not valid. */
export function parseSchedule(expression: string): Schedule | undefined {
  const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression);
  if (rate) {
    const value = Number(rate[1]);
    const unit = rate[2] ?? '';
    // AWS wants the singular unit for 1 and the plural otherwise.
    if (value < 1 || (value === 1) !== !unit.endsWith('s')) return undefined;
    return { kind: 'rate', periodMs: value * (UNIT_MS[unit.replace(/s$/, '')] ?? 0) };
  }
  const cron = /^cron\((.*)\)$/.exec(expression);
  const parts = cron?.[1]?.trim().split(/\s+/) ?? [];
  if (!cron || parts.length !== 6) return undefined;
  const [minutes = '', hours = '', dom = '', month = '', dow = '', year = ''] = parts;
  // Exactly one of day-of-month and day-of-week must be `?`.
  if ((dom === '?') === (dow === '?')) return undefined;
  try {
    return {
      kind: 'cron',
      fields: {
        minutes: parseField(minutes, 0, 59),
        hours: parseField(hours, 0, 23),
        dayOfMonth: parseDayOfMonth(dom),
        months: parseField(month, 1, 12, MONTHS),
        dayOfWeek: parseDayOfWeek(dow),
        years: parseField(year, MIN_YEAR, MAX_YEAR),
      },
    };
  } catch (error) {
    if (error instanceof InvalidSchedule) return undefined;
    throw error;
  }
}

function daysInMonth(year: number, month0: number): number {
  return new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();
}

/** The weekday (Mon–Fri) nearest to `day` within the same month, as cron's `W` defines it. */
function nearestWeekday(year: number, month0: number, day: number): number | undefined {
  const last = daysInMonth(year, month0);
  if (day > last) return undefined;
  const weekday = new Date(Date.UTC(year, month0, day)).getUTCDay();
  if (weekday === 6) return day === 1 ? 3 : day - 1; // Saturday: the Friday before, or Monday the 3rd
  if (weekday === 0) return day === last ? day - 2 : day + 1; // Sunday: the Monday after, or the Friday before
  return day;
}

function dayOfMonthMatches(rule: DayOfMonthRule, date: Date): boolean {
  const year = date.getUTCFullYear();
  const month0 = date.getUTCMonth();
  const day = date.getUTCDate();
  switch (rule.kind) {
    case 'any':
      return true;
    case 'days':
      return rule.days.has(day);
    case 'last':
      return day === daysInMonth(year, month0);
    case 'lastWeekday':
      return day === nearestWeekday(year, month0, daysInMonth(year, month0));
    case 'nearestWeekday':
      return day === nearestWeekday(year, month0, rule.day);
  }
}

function dayOfWeekMatches(rule: DayOfWeekRule, date: Date): boolean {
  const weekday = date.getUTCDay() + 1;
  const day = date.getUTCDate();
  switch (rule.kind) {
    case 'any':
      return true;
    case 'days':
      return rule.days.has(weekday);
    case 'lastOfMonth':
      return weekday === rule.day && day + 7 > daysInMonth(date.getUTCFullYear(), date.getUTCMonth());
    case 'nth':
      return weekday === rule.day && Math.ceil(day / 7) === rule.n;
  }
}

function dayMatches(fields: CronFields, date: Date): boolean {
  return (
    fields.years.has(date.getUTCFullYear()) &&
    fields.months.has(date.getUTCMonth() + 1) &&
    dayOfMonthMatches(fields.dayOfMonth, date) &&
    dayOfWeekMatches(fields.dayOfWeek, date)
  );
}

/** Days searched ahead for the next firing: enough for `L`/`W`/`#` rules and leap days over several years. */
const SEARCH_DAYS = 366 * 8;

/** The first time strictly after `after` (epoch ms) a schedule fires; undefined when it never does. */
export function nextFireTime(schedule: Schedule, after: number, anchor: number): number | undefined {
  if (schedule.kind === 'rate') {
    const periods = Math.floor((after - anchor) / schedule.periodMs) + 1;
    return anchor + Math.max(1, periods) * schedule.periodMs;
  }
  const { fields } = schedule;
  const start = new Date(Math.floor(after / 60_000) * 60_000 + 60_000);
  const day = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate()));
  const hours = [...fields.hours].sort((a, b) => a - b);
  const minutes = [...fields.minutes].sort((a, b) => a - b);
  for (let d = 0; d < SEARCH_DAYS; d++, day.setUTCDate(day.getUTCDate() + 1)) {
    if (day.getUTCFullYear() > MAX_YEAR) return undefined;
    if (!dayMatches(fields, day)) continue;
    for (const hour of hours) {
      for (const minute of minutes) {
        const t = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hour, minute);
        if (t >= start.getTime()) return t;
      }
    }
  }
  return undefined;
}
