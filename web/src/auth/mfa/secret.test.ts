import { describe, expect, it } from 'vitest';
import { groupSecret, normaliseCode, svgDataUrl } from './secret';

describe('groupSecret', () => {
  it('splits the key into groups of four', () => {
    expect(groupSecret('JBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP');
  });

  it('leaves a short last group and tidies spaces and case', () => {
    expect(groupSecret(' jbswy3dp ehp ')).toBe('JBSW Y3DP EHP');
    expect(groupSecret('')).toBe('');
  });
});

describe('normaliseCode', () => {
  it('drops the spaces people type', () => {
    expect(normaliseCode(' 123 456 ')).toBe('123456');
  });
});

describe('svgDataUrl', () => {
  it('encodes the SVG as base64', () => {
    const url = svgDataUrl('<svg xmlns="http://www.w3.org/2000/svg"/>');
    expect(url.startsWith('data:image/svg+xml;base64,')).toBe(true);
    expect(atob(url.split(',')[1] ?? '')).toBe('<svg xmlns="http://www.w3.org/2000/svg"/>');
  });
});
