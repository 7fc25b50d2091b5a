import { describe, expect, it } from 'vitest';
import { describeUserAgent, formatBytes, formatDateTime, localIsoDate, patientName } from './format';

describe('patientName', () => {
  it('puts the family name first and leaves out a missing given name', () => {
    expect(patientName({ family_name: 'Okafor', given_name: 'Amara' })).toBe('Okafor, Amara');
    expect(patientName({ family_name: 'Okafor', given_name: '' })).toBe('Okafor');
  });
});

describe('localIsoDate', () => {
  it('gives the date in the local calendar', () => {
    expect(localIsoDate(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});

describe('describeUserAgent', () => {
  it('names the browser and the system', () => {
    expect(
      describeUserAgent(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36 Edg/124.0',
      ),
    ).toBe('Edge on Windows');
    expect(describeUserAgent('Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0')).toBe(
      'Firefox on Linux',
    );
    expect(
      describeUserAgent(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
      ),
    ).toBe('Safari on iOS');
  });

  it('falls back to the header, or says it is unknown', () => {
    expect(describeUserAgent('curl/8.5.0')).toBe('curl/8.5.0');
    expect(describeUserAgent('')).toBe('Unknown device');
  });
});

describe('formatDateTime', () => {
  it('leaves text that is not a date as it is', () => {
    expect(formatDateTime('not a date')).toBe('not a date');
    expect(formatDateTime('2025-03-03T14:05:00Z')).toMatch(/2025/);
  });
});

describe('formatBytes', () => {
  it('says sizes as people read them, in decimal units', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(840)).toBe('840 bytes');
    expect(formatBytes(12_345)).toBe('12.3 kB');
    expect(formatBytes(4_100_000)).toBe('4.1 MB');
    expect(formatBytes(250_000_000)).toBe('250 MB');
    expect(formatBytes(1_500_000_000)).toBe('1.5 GB');
  });

  it('moves to the next unit when rounding would reach a thousand', () => {
    expect(formatBytes(999_960)).toBe('1 MB');
    expect(formatBytes(999_940)).toBe('999.9 kB');
  });
});
