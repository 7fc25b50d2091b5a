import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useNow } from './useNow';

describe('useNow', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-12-04T10:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('ticks every interval', () => {
    const { result } = renderHook(() => useNow(30_000));
    expect(result.current[0].toISOString()).toBe('2026-12-04T10:00:00.000Z');
    act(() => vi.advanceTimersByTime(30_000));
    expect(result.current[0].toISOString()).toBe('2026-12-04T10:00:30.000Z');
  });

  it('takes the time again at once when asked, between ticks', () => {
    const { result } = renderHook(() => useNow(30_000));
    vi.setSystemTime(new Date('2026-12-04T10:00:07Z'));
    act(() => result.current[1]());
    expect(result.current[0].toISOString()).toBe('2026-12-04T10:00:07.000Z');
  });
});
