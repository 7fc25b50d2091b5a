import { describe, expect, it } from 'vitest';
import {
  newUpload,
  nextToSend,
  percentSent,
  uploadsReducer,
  uploadText,
  type Upload,
  type UploadEvent,
} from './upload-queue';

const pdf = { name: 'report.pdf', size: 2_000_000 };
const png = { name: 'scan.png', size: 500_000 };

function run(events: UploadEvent[], start: Upload[] = []): Upload[] {
  return events.reduce(uploadsReducer, start);
}

describe('the upload queue', () => {
  it('sends one file at a time, oldest first, skipping refused ones', () => {
    const added = run([
      {
        type: 'added',
        uploads: [
          newUpload(1, { name: 'setup.exe', size: 10 }, 'not allowed'),
          newUpload(2, pdf, null),
          newUpload(3, png, null),
        ],
      },
    ]);
    expect(added.map((u) => u.phase)).toEqual(['refused', 'waiting', 'waiting']);
    expect(nextToSend(added)?.id).toBe(2);

    const sending = run([{ type: 'started', id: 2 }], added);
    expect(nextToSend(sending)).toBeUndefined();

    const done = run([{ type: 'uploaded', id: 2 }], sending);
    expect(nextToSend(done)?.id).toBe(3);
  });

  it('follows the bytes sent and says how far it is', () => {
    const uploads = run([
      { type: 'added', uploads: [newUpload(1, pdf, null)] },
      { type: 'started', id: 1 },
      { type: 'progress', id: 1, sent: 900_000 },
    ]);
    const [upload] = uploads;
    expect(percentSent(upload!)).toBe(45);
    expect(uploadText(upload!)).toBe('Uploading: 900 kB of 2 MB (45%)');

    const sent = run([{ type: 'progress', id: 1, sent: 2_000_000 }], uploads)[0]!;
    expect(percentSent(sent)).toBe(99);
    expect(uploadText(sent)).toBe('Sent; the server is storing it…');

    const stored = run([{ type: 'uploaded', id: 1 }], uploads)[0]!;
    expect(percentSent(stored)).toBe(100);
    expect(uploadText(stored)).toBe('Uploaded (2 MB)');
  });

  it('keeps why a file was refused or failed', () => {
    const uploads = run([
      {
        type: 'added',
        uploads: [
          newUpload(1, { name: 'big.dcm', size: 250_000_000 }, 'big.dcm is 250 MB; the limit is 200 MB.'),
          newUpload(2, pdf, null),
        ],
      },
      { type: 'started', id: 2 },
      { type: 'failed', id: 2, message: 'The file is not a PDF.' },
    ]);
    expect(uploads.map(uploadText)).toEqual([
      'Not uploaded: big.dcm is 250 MB; the limit is 200 MB.',
      'Upload failed: The file is not a PDF.',
    ]);
  });

  it('clears what has finished and keeps what is still to come', () => {
    const uploads = run([
      { type: 'added', uploads: [newUpload(1, pdf, null), newUpload(2, png, null), newUpload(3, png, 'no')] },
      { type: 'started', id: 1 },
      { type: 'uploaded', id: 1 },
      { type: 'started', id: 2 },
      { type: 'cleared' },
    ]);
    expect(uploads.map((u) => u.id)).toEqual([2]);
  });
});
