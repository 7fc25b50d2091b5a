import { browserTimeZone } from './dates';

/** Says which time zone the page's times are in: the browser's own. */
export function TimeZoneNote() {
  return <p className="time-zone-note">Times are in your time zone ({browserTimeZone()}).</p>;
}
