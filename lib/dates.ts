import { TZDate } from '@date-fns/tz';

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;
/** With `Z` or an offset; Jekyll writes `2024-05-01 10:00:00 +0200`, with a space before the offset. */
const ZONED_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) ?(Z|[+-]\d{2}:?\d{2})$/i;

export interface ContentDate {
  /** The instant. */
  instant: Date;
  /** True for `2025-01-06`: the calendar day in the site's time zone, shown without a time. */
  dateOnly: boolean;
}

/**
 * Reads a frontmatter date. A date-only value or a date-time without offset is wall-clock time in
 * `timeZone`, so `2025-01-06` is midnight of that day where the site lives and is never shown a day
 * early or late. A value with `Z` or an offset is taken as it is. Returns undefined when unreadable.
 */
export function parseContentDate(value: string, timeZone: string): ContentDate | undefined {
  const text = monthNameDate(value.trim());
  const day = DATE_ONLY.exec(text);
  if (day) {
    const [y, m, d] = day.slice(1).map(Number) as [number, number, number];
    if (!isRealDay(y, m, d)) return undefined;
    return { instant: new Date(new TZDate(y, m - 1, d, 0, 0, 0, timeZone).getTime()), dateOnly: true };
  }
  const local = LOCAL_DATE_TIME.exec(text);
  if (local) {
    const [y, m, d, h, min, s = 0] = local.slice(1).map((v) => Number(v ?? 0)) as number[] as [
      number, number, number, number, number, number,
    ];
    if (!isRealDay(y, m, d) || h > 23 || min > 59 || s > 59) return undefined;
    return { instant: new Date(new TZDate(y, m - 1, d, h, min, s, timeZone).getTime()), dateOnly: false };
  }
  const zoned = ZONED_DATE_TIME.exec(text);
  if (zoned) {
    const [, day, time, zone] = zoned as unknown as [string, string, string, string];
    const offset = /^z$/i.test(zone) ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
    const instant = new Date(`${day}T${time}${offset}`);
    if (!Number.isNaN(instant.getTime())) return { instant, dateOnly: false };
  }
  return undefined;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
/** `Jul 08 2022`, `July 8, 2022`, `8 July 2022` (as Astro's blog starter writes them). */
const MONTH_NAME_DATE = /^(?:([a-z]{3,9})\.? (\d{1,2}),? (\d{4})|(\d{1,2}) ([a-z]{3,9})\.?,? (\d{4}))$/i;

/** An English month-name date as `2022-07-08`; any other text unchanged. */
function monthNameDate(text: string): string {
  const match = MONTH_NAME_DATE.exec(text);
  if (!match) return text;
  const [name, day, year] = match[1] ? [match[1], match[2]!, match[3]!] : [match[5]!, match[4]!, match[6]!];
  const month = MONTHS.findIndex((m) => m.startsWith(name.toLowerCase())) + 1;
  if (!month) return text;
  return `${year}-${String(month).padStart(2, '0')}-${day.padStart(2, '0')}`;
}

function isRealDay(y: number, m: number, d: number): boolean {
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

// Making a DateTimeFormat costs about a hundred times one format call, and lists of 10,000 posts
// format dates by the thousand: one formatter per locale and time zone.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, timeZone: string, month: '2-digit' | 'long'): Intl.DateTimeFormat {
  const key = `${locale}\n${timeZone}\n${month}`;
  let format = formatters.get(key);
  if (!format) formatters.set(key, (format = new Intl.DateTimeFormat(locale, { timeZone, year: 'numeric', month, day: month === 'long' ? 'numeric' : '2-digit' })));
  return format;
}

/** `2025-01-06` of an instant, in the site's time zone. */
export function calendarDay(instant: Date, timeZone: string): string {
  return formatter('en-CA', timeZone, '2-digit').format(instant);
}

/** The year of an instant in the site's time zone. */
export function calendarYear(instant: Date, timeZone: string): number {
  return Number(calendarDay(instant, timeZone).slice(0, 4));
}

/** Human date in the site's language and time zone, e.g. "January 6, 2025" for "en". */
export function displayDate(instant: Date, timeZone: string, language: string): string {
  return formatter(language, timeZone, 'long').format(instant);
}

/**
 * The value of `<time datetime>`: the plain day for date-only values, otherwise the instant with
 * the site's UTC offset (e.g. `2025-01-06T09:30:00+01:00`).
 */
export function machineDate(date: ContentDate, timeZone: string): string {
  if (date.dateOnly) return calendarDay(date.instant, timeZone);
  return new TZDate(date.instant.getTime(), timeZone).toISOString().replace(/\.\d{3}/, '');
}

/** "4 min read": the same words on the page and on its Open Graph card. */
export const readingTimeLabel = (minutes: number) => `${minutes} min read`;
