import { displayDate, machineDate, readingTimeLabel, type ContentDate } from '@/lib/dates';
import type { Entry } from '@/lib/content';
import type { Site } from '@/lib/site';

/** Published date, the update date when there is one, and reading time. */
export function DateLine({ site, entry, readingTime = true }: { site: Site; entry: Entry; readingTime?: boolean }) {
  const show = (d: ContentDate) => (
    <time dateTime={machineDate(d, site.timeZone)}>{displayDate(d.instant, site.timeZone, site.language)}</time>
  );
  return (
    <p className="meta">
      {entry.date && show(entry.date)}
      {entry.updated && (entry.date ? <> · Updated {show(entry.updated)}</> : <>Updated {show(entry.updated)}</>)}
      {readingTime && entry.kind === 'post' && <> · {readingTimeLabel(entry.readingMinutes)}</>}
      {entry.preview && <span className={`badge badge-${entry.preview}`}>{entry.preview === 'draft' ? 'Draft' : 'Scheduled'}</span>}
    </p>
  );
}
