import { describe, expect, it } from 'vitest';
import { versionsToKeep } from '../../../electron/main/history/history-pruning.js';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
// Local noon, so the calendar days of the rule do not depend on the machine's time zone.
const now = new Date(2026, 11, 2, 12, 0, 0).getTime();
const at = (daysAgo: number, hour = 12) => {
  const d = new Date(now - daysAgo * DAY);
  d.setHours(hour, 0, 0, 0);
  return d.getTime();
};

describe('which versions pruning keeps', () => {
  it('keeps every version of the last 24 hours', () => {
    const times = Array.from({ length: 48 }, (_, i) => now - i * 30 * 60 * 1000);
    expect(versionsToKeep(times, now).size).toBe(48);
  });

  it('keeps the newest of each day for 30 days', () => {
    const times = [at(2, 9), at(2, 15), at(2, 20), at(10, 8), at(10, 18), at(29, 7), at(29, 22)];
    const kept = versionsToKeep([now, ...times], now);
    expect([...kept].sort((a, b) => b - a)).toEqual([now, at(2, 20), at(10, 18), at(29, 22)]);
  });

  it('keeps the newest of each month beyond 30 days', () => {
    const march = (day: number) => new Date(2026, 2, day, 12).getTime();
    const may = (day: number) => new Date(2026, 4, day, 12).getTime();
    const kept = versionsToKeep([now, march(3), march(17), march(30), may(1), may(2)], now);
    expect([...kept].sort((a, b) => b - a)).toEqual([now, may(2), march(30)]);
  });

  it('never drops the newest version, however old', () => {
    const old = now - 400 * DAY;
    expect([...versionsToKeep([old, old - 1000], now)]).toEqual([old]);
  });

  it('thins a year of saves every three minutes to a day, 30 days and a few months', () => {
    const times: number[] = [];
    for (let t = now; t > now - 365 * DAY; t -= 3 * 60 * 1000) times.push(t);
    const kept = versionsToKeep(times, now);
    // 480 of the last day; one for each older day up to day 30; then one a month for about 11 months.
    expect(kept.size).toBeGreaterThanOrEqual(480 + 29 + 10);
    expect(kept.size).toBeLessThanOrEqual(480 + 31 + 13);
  });
});
