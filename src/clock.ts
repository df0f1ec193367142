import { addDays, calendarDateInTimeZone, type IsoDate } from './domain/calendar.ts';

export const TIME_ZONE = 'Asia/Tokyo';

const wallClock = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/** Milliseconds the zone's wall clock is ahead of UTC at `instant`. */
function zoneOffsetMs(instant: number): number {
  const parts = Object.fromEntries(wallClock.formatToParts(instant).map((part) => [part.type, Number(part.value)]));
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The instant (milliseconds since the epoch) a date begins in Tokyo, which keeps one offset all year. */
export function tokyoMidnight(date: IsoDate): number {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  return utcMidnight - zoneOffsetMs(utcMidnight);
}

export interface TokyoDay {
  /** Today's date in Asia/Tokyo. */
  today(): IsoDate;
  /** Whole seconds until the date in Tokyo changes (at least 1). */
  secondsUntilTomorrow(): number;
}

/** "Today" in Tokyo from an injectable clock, recomputed only when the day changes. */
export function tokyoDay(clock: () => Date = () => new Date()): TokyoDay {
  let day = '';
  let startsAt = 0;
  let endsAt = 0;
  const current = (now: number) => {
    if (now < startsAt || now >= endsAt) {
      day = calendarDateInTimeZone(new Date(now), TIME_ZONE);
      const offset = zoneOffsetMs(now);
      startsAt = Date.parse(`${day}T00:00:00Z`) - offset;
      endsAt = Date.parse(`${addDays(day, 1)}T00:00:00Z`) - offset;
    }
    return day;
  };
  return {
    today: () => current(clock().getTime()),
    secondsUntilTomorrow: () => {
      const now = clock().getTime();
      current(now);
      return Math.max(1, Math.ceil((endsAt - now) / 1000));
    },
  };
}
