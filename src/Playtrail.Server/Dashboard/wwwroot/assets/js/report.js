// Reads of the reporting API shared by the pages, and the day arithmetic their charts need.
import { getJson } from './api.js';

/** GET /api/v1/reports/summary with the given parameters. */
export function summary(parameters, signal) {
  return getJson('/api/v1/reports/summary', parameters, signal);
}

/** The content types seen in the range, for the content type filter (the type filter itself left out). */
export async function contentTypes(query, signal) {
  const parameters = { groupBy: 'contentType' };
  for (const name of ['from', 'to']) {
    if (query.get(name)) {
      parameters[name] = query.get(name);
    }
  }
  const answer = await summary(parameters, signal);
  return answer.rows.map(row => row.key).filter(Boolean).sort();
}

/** Every day from `from` to `to` inclusive (yyyy-MM-dd). */
export function daysBetween(from, to) {
  const days = [];
  if (!from || !to) {
    return days;
  }
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let time = Date.parse(`${from}T00:00:00Z`); time <= end && days.length < 3700; time += 86400000) {
    days.push(new Date(time).toISOString().slice(0, 10));
  }
  return days;
}

/** Rows keyed by their key. */
export function byKey(rows) {
  return new Map((rows ?? []).map(row => [row.key, row]));
}

/** A page heading with the period the reports cover. */
export function periodText(answer, timeZone) {
  return answer ? `${answer.from} to ${answer.to} · days in ${answer.timeZone ?? timeZone}` : '';
}
