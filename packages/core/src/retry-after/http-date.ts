// RFC 9110 §5.6.7: IMF-fixdate is preferred; recipients must also accept the obsolete RFC 850
// and asctime forms. Parsed strictly: Date.parse() accepts far more than HTTP allows.

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const SHORT_DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const LONG_DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

const IMF_FIXDATE = /^([A-Za-z]{3}), (\d{2}) ([A-Za-z]{3}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
const RFC_850 = /^([A-Za-z]{6,9}), (\d{2})-([A-Za-z]{3})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
const ASCTIME = /^([A-Za-z]{3}) ([A-Za-z]{3}) ([ \d]\d) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/;

/**
 * Parses an HTTP-date into epoch ms, or `undefined` when it is not one (including impossible
 * dates such as 31 February and a weekday that does not match the date).
 * `nowMs` resolves RFC 850's two-digit year: a year more than 50 years ahead is taken as the
 * past century (RFC 9110 §5.6.7).
 */
export function parseHttpDate(value: string, nowMs: number): number | undefined {
  const text = value.trim();
  let match = IMF_FIXDATE.exec(text);
  if (match) {
    return build(SHORT_DAYS, match[1], match[4], match[3], match[2], match[5], match[6], match[7]);
  }
  match = RFC_850.exec(text);
  if (match) {
    const year = fullYear(Number(match[4]), nowMs);
    return build(LONG_DAYS, match[1], String(year), match[3], match[2], match[5], match[6], match[7]);
  }
  match = ASCTIME.exec(text);
  if (match) {
    return build(SHORT_DAYS, match[1], match[7], match[2], match[3]?.trim(), match[4], match[5], match[6]);
  }
  return undefined;
}

function fullYear(twoDigits: number, nowMs: number): number {
  const now = new Date(Number.isFinite(nowMs) ? nowMs : 0).getUTCFullYear();
  const year = Math.floor(now / 100) * 100 + twoDigits;
  return year > now + 50 ? year - 100 : year;
}

function build(
  dayNames: readonly string[],
  dayName: string | undefined,
  yearText: string | undefined,
  monthText: string | undefined,
  dayText: string | undefined,
  hourText: string | undefined,
  minuteText: string | undefined,
  secondText: string | undefined,
): number | undefined {
  const month = MONTHS.indexOf((monthText ?? '').toLowerCase());
  const year = Number(yearText);
  const day = Number(dayText);
  const hour = Number(hourText);
  const minute = Number(minuteText);
  const second = Number(secondText);
  if (month < 0 || hour > 23 || minute > 59 || second > 60 || day < 1) return undefined;
  // Not Date.UTC: it maps years 0–99 to 1900–1999, which a four-digit year must not be.
  const date = new Date(0);
  date.setUTCFullYear(year, month, day);
  date.setUTCHours(hour, minute, Math.min(second, 59), 0);
  const ms = date.getTime();
  // Date.UTC rolls 31 Feb over into March: reject instead.
  if (date.getUTCDate() !== day || date.getUTCMonth() !== month) return undefined;
  if (dayNames[date.getUTCDay()] !== (dayName ?? '').toLowerCase()) return undefined;
  return ms;
}
