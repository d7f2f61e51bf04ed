// Every number the dashboard shows is formatted here, and only here: the raw value goes into data-value,
// the text into the element, so tests compare exact values and people read friendly ones.

const locale = 'en-US';
const integerFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
const decimalFormats = new Map();
const dash = '–';

/** True for a finite number (null, undefined and NaN are "no value"). */
export function hasValue(value) {
  return typeof value === 'number' && Number.isFinite(value);
}

/** 12,345 */
export function integer(value) {
  return hasValue(value) ? integerFormat.format(value) : dash;
}

/** 1,234.56 with at most `digits` decimals. */
export function decimal(value, digits = 2) {
  if (!hasValue(value)) {
    return dash;
  }
  if (!decimalFormats.has(digits)) {
    decimalFormats.set(digits, new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 }));
  }
  return decimalFormats.get(digits).format(value);
}

/** A ratio as a percentage: 0.1234 → 12.3 %. */
export function percent(ratio, digits = 1) {
  if (!hasValue(ratio)) {
    return dash;
  }
  return `${new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(ratio * 100)} %`;
}

/** Seconds as h/min/s: 0.8 s, 45 s, 12 min 05 s, 3 h 07 min, 1,204 h 10 min. */
export function duration(seconds) {
  if (!hasValue(seconds)) {
    return dash;
  }
  const sign = seconds < 0 ? '−' : '';
  const value = Math.abs(seconds);
  if (value < 10) {
    return `${sign}${decimal(value, 1)} s`;
  }
  if (value < 60) {
    return `${sign}${Math.round(value)} s`;
  }
  const totalSeconds = Math.round(value);
  if (totalSeconds < 3600) {
    const minutes = Math.floor(totalSeconds / 60);
    return `${sign}${minutes} min ${pad(totalSeconds % 60)} s`;
  }
  const totalMinutes = Math.round(value / 60);
  const hours = Math.floor(totalMinutes / 60);
  return `${sign}${integer(hours)} h ${pad(totalMinutes % 60)} min`;
}

/** Lateness of a downloaded upload: seconds up to days (3 d 04 h). */
export function lateness(seconds) {
  if (!hasValue(seconds)) {
    return dash;
  }
  if (seconds < 86400) {
    return duration(seconds);
  }
  const totalHours = Math.round(seconds / 3600);
  return `${integer(Math.floor(totalHours / 24))} d ${pad(totalHours % 24)} h`;
}

/** A count of occurrences: once, 2 times. */
export function times(value) {
  if (!hasValue(value)) {
    return dash;
  }
  return value === 1 ? 'once' : `${integer(value)} times`;
}

/** A bitrate as the player reports it (kbps in the simulator and the SDK). */
export function bitrate(value) {
  return hasValue(value) ? `${integer(value)} kbps` : dash;
}

/** yyyy-MM-dd HH:mm:ss of an epoch-ms or ISO time in the given IANA zone. */
export function dateTime(time, timeZone) {
  const date = toDate(time);
  if (!date) {
    return dash;
  }
  const parts = zonedParts(date, timeZone);
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** HH:mm:ss of a time in the given zone (axis labels). */
export function timeOfDay(time, timeZone) {
  const date = toDate(time);
  if (!date) {
    return dash;
  }
  const parts = zonedParts(date, timeZone);
  return `${parts.hour}:${parts.minute}:${parts.second}`;
}

/** A report day (yyyy-MM-dd) as "Fri 4 Dec". */
export function day(text) {
  if (!text) {
    return dash;
  }
  const [year, month, dayOfMonth] = text.split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, dayOfMonth));
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' }).format(date);
}

/** Seconds of playhead as m:ss or h:mm:ss. */
export function playhead(seconds) {
  if (!hasValue(seconds)) {
    return dash;
  }
  const total = Math.max(0, Math.floor(seconds));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(total % 60)}` : `${minutes}:${pad(total % 60)}`;
}

/** The raw value written to data-value: numbers as JSON writes them, null as empty. */
export function raw(value) {
  if (value === null || value === undefined) {
    return '';
  }
  return String(value);
}

function pad(value) {
  return String(value).padStart(2, '0');
}

function toDate(time) {
  if (time === null || time === undefined || time === '') {
    return null;
  }
  const date = typeof time === 'number' ? new Date(time) : new Date(String(time));
  return Number.isNaN(date.getTime()) ? null : date;
}

const partFormats = new Map();

function zonedParts(date, timeZone) {
  const zone = timeZone || 'UTC';
  if (!partFormats.has(zone)) {
    partFormats.set(zone, new Intl.DateTimeFormat('en-CA', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit',
    }));
  }
  const parts = {};
  for (const part of partFormats.get(zone).formatToParts(date)) {
    parts[part.type] = part.value;
  }
  return parts;
}
