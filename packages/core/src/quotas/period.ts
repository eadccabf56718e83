import type { QuotaLimit } from "./store.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The end (epoch ms) of the period that contains `now`, or `null` for a quota that never resets. */
export function periodEnd(period: QuotaLimit["period"], now: number): number | null {
  if (period === undefined) return null;
  if (typeof period === "object") {
    const size = period.seconds * 1000;
    return (Math.floor(now / size) + 1) * size;
  }
  switch (period) {
    case "hour":
      return (Math.floor(now / HOUR) + 1) * HOUR;
    case "day":
      return (Math.floor(now / DAY) + 1) * DAY;
    case "week": {
      // ISO weeks start on Monday; 1970-01-01 was a Thursday, so shift by 3 days.
      const offset = 3 * DAY;
      return (Math.floor((now + offset) / (7 * DAY)) + 1) * 7 * DAY - offset;
    }
    case "month": {
      const d = new Date(now);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    }
  }
}
