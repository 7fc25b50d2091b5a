import { describe, expect, it } from 'vitest';
import { typeName } from './labels';

describe('typeName', () => {
  it('names the allowed types as people know them', () => {
    expect(typeName('application/pdf')).toBe('PDF');
    expect(typeName('image/jpeg')).toBe('JPEG image');
    expect(typeName('text/plain; charset=utf-8')).toBe('Plain text');
    expect(typeName('application/dicom')).toBe('DICOM');
  });

  it('shows any other type as it is', () => {
    expect(typeName('application/x-unknown')).toBe('application/x-unknown');
    expect(typeName('')).toBe('Unknown');
  });
});
