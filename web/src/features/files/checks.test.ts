import { describe, expect, it } from 'vitest';
import { isAllowedType, kAcceptAttribute, refusalOf } from './checks';

function file(name: string, type = '', size = 1000) {
  return { name, type, size };
}

describe('isAllowedType', () => {
  it('takes the allowed types by extension, whatever the case', () => {
    for (const name of [
      'report.pdf',
      'scan.PNG',
      'photo.jpg',
      'photo.jpeg',
      'slide.tif',
      'slide.tiff',
      'ct.dcm',
      'note.txt',
    ]) {
      expect(isAllowedType(file(name)), name).toBe(true);
    }
  });

  it('takes a file without a known extension when its type is allowed', () => {
    expect(isAllowedType(file('IM000123', 'application/dicom'))).toBe(true);
    expect(isAllowedType(file('letter', 'application/pdf'))).toBe(true);
    expect(isAllowedType(file('readme.log', 'text/plain; charset=utf-8'))).toBe(true);
  });

  it('refuses programs, documents of other kinds and files of no known type', () => {
    expect(isAllowedType(file('setup.exe', 'application/x-msdownload'))).toBe(false);
    expect(
      isAllowedType(file('letter.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')),
    ).toBe(false);
    expect(isAllowedType(file('page.html', 'text/html'))).toBe(false);
    expect(isAllowedType(file('blob', ''))).toBe(false);
    expect(isAllowedType(file('.pdf', ''))).toBe(false);
  });

  it('offers the same types to the file chooser', () => {
    expect(kAcceptAttribute.split(',')).toEqual(expect.arrayContaining(['.pdf', '.dcm', 'image/tiff', 'text/plain']));
  });
});

describe('refusalOf', () => {
  it('lets an allowed file under the limit through', () => {
    expect(refusalOf(file('report.pdf', 'application/pdf', 199_999_999))).toBeNull();
    expect(refusalOf(file('report.pdf', 'application/pdf', 200_000_000))).toBeNull();
  });

  it('says how large the file is and what the limit is', () => {
    expect(refusalOf(file('ct-series.dcm', '', 250_000_000))).toBe('ct-series.dcm is 250 MB; the limit is 200 MB.');
  });

  it('names the types it takes when it refuses one', () => {
    expect(refusalOf(file('setup.exe', 'application/x-msdownload'))).toBe(
      'setup.exe is not a file type that can be uploaded. Upload PDF, PNG, JPEG, TIFF, DICOM (.dcm) or plain text files.',
    );
  });

  it('refuses an empty file and a name too long to send', () => {
    expect(refusalOf(file('empty.txt', 'text/plain', 0))).toBe('empty.txt is empty.');
    expect(refusalOf(file(`${'a'.repeat(252)}.pdf`))).toMatch(/longer than 255 characters/);
  });
});
