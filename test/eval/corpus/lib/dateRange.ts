export interface DateRange {
  /** Inclusive, as YYYY-MM-DD. */
  from: string;
  /** Inclusive, as YYYY-MM-DD. */
  to: string;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

export function parseDay(text: string): Date {
  if (!ISO_DAY.test(text)) throw new RangeError(`not a day: ${text}`);
  const date = new Date(`${text}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a day: ${text}`);
  return date;
}

export function isValidRange(range: DateRange): boolean {
  return parseDay(range.from) <= parseDay(range.to);
}

/** Whether a day falls inside the range, both ends included. */
export function contains(range: DateRange, day: string): boolean {
  const d = parseDay(day);
  return d >= parseDay(range.from) && d <= parseDay(range.to);
}

/** Whether two ranges share at least one day. */
export function overlaps(a: DateRange, b: DateRange): boolean {
  return parseDay(a.from) <= parseDay(b.to) && parseDay(b.from) <= parseDay(a.to);
}

/** Whether two ranges are the same days. */
export function sameRange(a: DateRange, b: DateRange): boolean {
  return parseDay(a.from) === parseDay(b.from) && parseDay(a.to) === parseDay(b.to);
}

/** Number of days in the range, both ends included. */
export function lengthInDays(range: DateRange): number {
  return Math.round((parseDay(range.to).getTime() - parseDay(range.from).getTime()) / DAY_MS) + 1;
}

export function eachDay(range: DateRange): string[] {
  const days: string[] = [];
  for (let t = parseDay(range.from).getTime(); t <= parseDay(range.to).getTime(); t += DAY_MS) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}
