import { TZDate } from '@date-fns/tz';

// Feed dates in the site's UTC offset at that instant, so a post dated 2024-03-01 on a Berlin site
// reads "Fri, 01 Mar 2024 00:00:00 +0100" and not the evening before in GMT.

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** `+0100`, or with `separator` `+01:00`: the offset of `timeZone` at that instant. */
function utcOffset(zoned: TZDate, separator: '' | ':'): string {
  const minutes = -zoned.getTimezoneOffset();
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${two(Math.floor(abs / 60))}${separator}${two(abs % 60)}`;
}

/** RFC 822 (RSS `pubDate`, `lastBuildDate`) with a numeric zone: `Fri, 01 Mar 2024 00:00:00 +0100`. */
export function rfc822Date(instant: Date, timeZone: string): string {
  const z = new TZDate(instant.getTime(), timeZone);
  const time = `${two(z.getHours())}:${two(z.getMinutes())}:${two(z.getSeconds())}`;
  return `${DAYS[z.getDay()]}, ${two(z.getDate())} ${MONTHS[z.getMonth()]} ${z.getFullYear()} ${time} ${utcOffset(z, '')}`;
}

/** RFC 3339 (Atom, JSON Feed) with the offset: `2024-03-01T00:00:00+01:00`. */
export function rfc3339Date(instant: Date, timeZone: string): string {
  const z = new TZDate(instant.getTime(), timeZone);
  const date = `${z.getFullYear()}-${two(z.getMonth() + 1)}-${two(z.getDate())}`;
  return `${date}T${two(z.getHours())}:${two(z.getMinutes())}:${two(z.getSeconds())}${utcOffset(z, ':')}`;
}
