import { describe, expect, it, vi } from 'vitest';
import { DownloadInterruptedError, filenameFromDisposition, readBody } from './download';

describe('filenameFromDisposition', () => {
  it('takes the server’s quoted file name', () => {
    expect(filenameFromDisposition('attachment; filename="consilium-audit-20261125T180255Z.csv"', 'fallback.csv')).toBe(
      'consilium-audit-20261125T180255Z.csv',
    );
  });

  it('takes an unquoted name, and filename* over filename', () => {
    expect(filenameFromDisposition('attachment; filename=audit.jsonl', 'x')).toBe('audit.jsonl');
    expect(filenameFromDisposition(`attachment; filename="a.json"; filename*=UTF-8''audit%20trail.json`, 'x')).toBe(
      'audit trail.json',
    );
  });

  it('keeps no folder from the name', () => {
    expect(filenameFromDisposition('attachment; filename="../../etc/audit.csv"', 'x')).toBe('audit.csv');
    expect(filenameFromDisposition('attachment; filename="C:\\\\temp\\\\audit.csv"', 'x')).toBe('audit.csv');
  });

  it('falls back when there is no name', () => {
    expect(filenameFromDisposition(null, 'consilium-audit.csv')).toBe('consilium-audit.csv');
    expect(filenameFromDisposition('attachment', 'consilium-audit.csv')).toBe('consilium-audit.csv');
    expect(filenameFromDisposition('attachment; filename=""', 'consilium-audit.csv')).toBe('consilium-audit.csv');
  });
});

/** jsdom's Blob has no text(). */
function textOf(blob: Blob): Promise<string> {
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.readAsText(blob);
  });
}

describe('readBody', () => {
  it('reads the whole stream, reporting the bytes so far', async () => {
    const parts = ['id,occurred_at\n', '1,2026-11-25T18:02:55Z\n'];
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const part of parts) controller.enqueue(encoder.encode(part));
        controller.close();
      },
    });
    const progress = vi.fn();
    const file = await readBody(
      new Response(body, { headers: { 'Content-Type': 'text/csv; charset=utf-8' } }),
      progress,
    );
    expect(await textOf(file)).toBe(parts.join(''));
    expect(file.type).toMatch(/^text\/csv/);
    expect(progress.mock.calls.map(([bytes]) => bytes)).toEqual([15, 38]);
  });
});

describe('readBody of a cut transfer', () => {
  it('refuses what came rather than pass it off as the whole file', async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('id,occurred_at\n'));
        controller.error(new TypeError('network error'));
      },
    });
    await expect(readBody(new Response(body), () => {})).rejects.toBeInstanceOf(DownloadInterruptedError);
  });
});
