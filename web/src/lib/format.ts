// Dates, people's names, device names and sizes as people read them.
const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/** "3 Mar 2025, 14:05" in the browser's time zone; the text as it came when it is not a date. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

/** The local calendar date as YYYY-MM-DD, as date inputs and the app's addresses take it. */
export function localIsoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** "Okafor, Amara": family name first, as lists, the board and wristbands show patients. */
export function patientName(patient: { family_name: string; given_name: string }): string {
  return patient.given_name ? `${patient.family_name}, ${patient.given_name}` : patient.family_name;
}

const browsers: [RegExp, string][] = [
  [/Edg\//, 'Edge'],
  [/OPR\/|Opera/, 'Opera'],
  [/Firefox\//, 'Firefox'],
  [/Chrom(e|ium)\//, 'Chrome'],
  [/Safari\//, 'Safari'],
];

const systems: [RegExp, string][] = [
  [/Windows/, 'Windows'],
  [/iPhone|iPad|iOS/, 'iOS'],
  [/Android/, 'Android'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/CrOS/, 'ChromeOS'],
  [/Linux/, 'Linux'],
];

/** "Firefox on Windows" from a User-Agent header; the header itself when it names no known browser. */
export function describeUserAgent(userAgent: string): string {
  const browser = browsers.find(([pattern]) => pattern.test(userAgent))?.[1];
  const system = systems.find(([pattern]) => pattern.test(userAgent))?.[1];
  if (!browser) return userAgent.trim() || 'Unknown device';
  return system ? `${browser} on ${system}` : browser;
}

const sizeUnits = ['kB', 'MB', 'GB', 'TB'];

/** "840 bytes", "12.3 kB", "4.1 MB", "250 MB": decimal units, one decimal place where it says something. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return bytes === 1 ? '1 byte' : `${bytes} bytes`;
  let value = bytes;
  for (const [index, unit] of sizeUnits.entries()) {
    value /= 1000;
    const rounded = Math.round(value * 10) / 10;
    // 999,960 bytes is "1 MB", not "1000 kB".
    if (rounded < 1000 || index === sizeUnits.length - 1) return `${String(rounded)} ${unit}`;
  }
  return `${bytes} bytes`;
}
