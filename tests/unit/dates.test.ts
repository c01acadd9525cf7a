import { describe, expect, it } from 'vitest';
import { calendarDay, displayDate, machineDate, parseContentDate } from '@/lib/dates';

describe('parseContentDate', () => {
  it('reads a date-only value as midnight of that day in the site time zone', () => {
    expect(parseContentDate('2025-01-06', 'Europe/Berlin')?.instant.toISOString()).toBe('2025-01-05T23:00:00.000Z');
    expect(parseContentDate('2025-07-06', 'Europe/Berlin')?.instant.toISOString()).toBe('2025-07-05T22:00:00.000Z');
    expect(parseContentDate('2025-01-06', 'America/Los_Angeles')?.instant.toISOString()).toBe('2025-01-06T08:00:00.000Z');
    expect(parseContentDate('2025-01-06', 'UTC')).toEqual({ instant: new Date('2025-01-06T00:00:00Z'), dateOnly: true });
  });

  it('never shows a date-only value a day early or late, in zones from UTC-11 to UTC+14', () => {
    for (const tz of ['Pacific/Pago_Pago', 'America/Los_Angeles', 'UTC', 'Europe/Berlin', 'Asia/Tokyo', 'Pacific/Kiritimati']) {
      const date = parseContentDate('2024-12-31', tz)!;
      expect(calendarDay(date.instant, tz), tz).toBe('2024-12-31');
      expect(machineDate(date, tz), tz).toBe('2024-12-31');
      expect(displayDate(date.instant, tz, 'en'), tz).toBe('December 31, 2024');
    }
  });

  it('reads a local date-time as wall-clock time in the site time zone, across DST', () => {
    expect(parseContentDate('2025-03-30T03:30', 'Europe/Berlin')?.instant.toISOString()).toBe('2025-03-30T01:30:00.000Z');
    expect(parseContentDate('2025-03-29 09:15:30', 'Europe/Berlin')?.instant.toISOString()).toBe('2025-03-29T08:15:30.000Z');
  });

  it('takes a value with Z or an offset as the instant it names', () => {
    expect(parseContentDate('2025-01-06T09:30:00Z', 'Asia/Tokyo')?.instant.toISOString()).toBe('2025-01-06T09:30:00.000Z');
    expect(parseContentDate('2025-01-06T09:30:00+05:30', 'UTC')?.instant.toISOString()).toBe('2025-01-06T04:00:00.000Z');
    expect(parseContentDate('2025-01-06T09:30:00Z', 'UTC')?.dateOnly).toBe(false);
  });

  it('rejects impossible and unreadable values', () => {
    for (const bad of ['2025-02-30', '2025-13-01', 'yesterday', '06/01/2025', '2025-01-06T25:00', '']) {
      expect(parseContentDate(bad, 'UTC'), bad).toBeUndefined();
    }
  });

  it('gives <time datetime> the site offset for date-times', () => {
    const date = parseContentDate('2025-01-06T09:30:00Z', 'UTC')!;
    expect(machineDate(date, 'Europe/Berlin')).toBe('2025-01-06T10:30:00+01:00');
  });
});
