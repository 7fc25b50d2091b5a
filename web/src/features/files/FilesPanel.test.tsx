import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearSession, getAccessToken, startSession } from '../../api/session-token';
import { AuthContext, type AuthContextValue } from '../../auth/auth-context';
import type { ClinicRole } from '../../auth/session';
import type { StoredFile } from './api';
import { FilesPanel } from './FilesPanel';

const patientId = '6f1c2d3e-0000-4000-8000-000000000001';

function stored(id: string, name: string, extra: Partial<StoredFile> = {}): StoredFile {
  return {
    id,
    patient_id: patientId,
    agenda_item_id: null,
    name,
    content_type: 'application/pdf',
    size_bytes: 12_345,
    sha256: '0'.repeat(64),
    uploaded_by: 'u2',
    uploaded_at: '2026-11-25T18:02:55Z',
    ...extra,
  };
}

/** An XMLHttpRequest that sends nothing: the test answers it and reports its upload progress. */
class FakeXhr {
  static sent: FakeXhr[] = [];
  upload: { onprogress: ((event: Partial<ProgressEvent>) => void) | null } = { onprogress: null };
  headers: Record<string, string> = {};
  method = '';
  url = '';
  body: unknown = null;
  status = 0;
  statusText = '';
  responseText = '';
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  onloadend: (() => void) | null = null;
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: unknown) {
    this.body = body;
    FakeXhr.sent.push(this);
  }
  getAllResponseHeaders() {
    return 'content-type: application/json\r\nx-request-id: req-9\r\n';
  }
  abort() {
    this.onabort?.();
  }
  progress(loaded: number, total: number) {
    act(() => this.upload.onprogress?.({ loaded, total, lengthComputable: true }));
  }
  async respond(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    await act(async () => {
      this.onload?.();
      this.onloadend?.();
      await Promise.resolve();
    });
  }
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

/** Answers the list with `files`, a refresh with the token "fresh", and a download with `content`. */
function fakeServer(files: StoredFile[], content?: () => Response) {
  const asked: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(input, init);
      const { pathname } = new URL(request.url);
      asked.push(`${request.method} ${pathname}`);
      if (pathname === '/api/v1/sessions/refresh') {
        return json(200, { access_token: 'fresh', expires_in: 600, session_id: 's1', clinic_id: 'c1', role: 'nurse' });
      }
      if (pathname.endsWith('/content') && content) return content();
      return json(200, { files });
    }),
  );
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
  return asked;
}

function renderPanel(role: ClinicRole) {
  const auth = {
    state: { status: 'signed_in', session: { user: { id: 'u1' }, clinic_id: 'c1', role, memberships: [] } },
  } as unknown as AuthContextValue;
  render(
    <AuthContext.Provider value={auth}>
      <FilesPanel target={{ patientId }} destination="this patient’s record" nameOf={() => 'Demo nurse'} />
    </AuthContext.Provider>,
  );
}

function choose(...files: File[]) {
  const input = document.querySelector<HTMLInputElement>('input[type="file"]')!;
  fireEvent.change(input, { target: { files } });
}

function pdfFile(name: string, bytes = 2000) {
  return new File([new Uint8Array(bytes)], name, { type: 'application/pdf' });
}

beforeEach(() => {
  FakeXhr.sent = [];
  startSession({ access_token: 'token-1', expires_in: 600 });
});

afterEach(() => {
  clearSession();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('FilesPanel uploads', () => {
  it('sends each allowed file in turn with its name in X-File-Name and the bearer token, showing progress', async () => {
    fakeServer([]);
    renderPanel('practitioner');
    await screen.findByText('No files yet');

    choose(pdfFile('Befund März.pdf'), pdfFile('second.pdf', 1000));
    expect(FakeXhr.sent).toHaveLength(1);
    const [first] = FakeXhr.sent;
    expect(first!.method).toBe('POST');
    expect(first!.url).toBe(`${location.origin}/api/v1/patients/${patientId}/files`);
    expect(first!.headers).toMatchObject({
      'X-File-Name': 'Befund%20M%C3%A4rz.pdf',
      Authorization: 'Bearer token-1',
      'X-Consilium-Client': 'web',
      'Content-Type': 'application/octet-stream',
    });
    expect((first!.body as File).name).toBe('Befund März.pdf');

    first!.progress(1000, 2000);
    const uploads = screen.getByRole('list', { name: 'Uploads' });
    expect(within(uploads).getByText('Uploading: 1 kB of 2 kB (50%)')).toBeTruthy();
    expect(within(uploads).getByRole('progressbar', { name: 'Upload of Befund März.pdf' }).getAttribute('value')).toBe(
      '50',
    );
    expect(within(uploads).getByText('Waiting to upload')).toBeTruthy();

    await first!.respond(201, stored('f1', 'Befund März.pdf', { size_bytes: 2000 }));
    expect(screen.getByRole('row', { name: /Befund März\.pdf/ })).toBeTruthy();
    expect(within(uploads).getByText('Uploaded (2 kB)')).toBeTruthy();
    expect(screen.getByText('Befund März.pdf uploaded.')).toBeTruthy();

    expect(FakeXhr.sent).toHaveLength(2);
    await FakeXhr.sent[1]!.respond(201, stored('f2', 'second.pdf', { size_bytes: 1000 }));
    const table = screen.getByRole('table', { name: /Files of this patient’s record/ });
    expect(
      within(table)
        .getAllByRole('row')
        .map((row) => within(row).queryByRole('rowheader')?.textContent),
    ).toEqual([undefined, 'second.pdf', 'Befund März.pdf']);
  });

  it('refuses a file of another type or over the limit before sending, and says why', async () => {
    fakeServer([]);
    renderPanel('nurse');
    await screen.findByText('No files yet');

    const big = pdfFile('ct.pdf');
    Object.defineProperty(big, 'size', { value: 250_000_000 });
    choose(new File(['MZ'], 'setup.exe', { type: 'application/x-msdownload' }), big);

    expect(FakeXhr.sent).toHaveLength(0);
    expect(
      screen.getByText(
        'Not uploaded: setup.exe is not a file type that can be uploaded. Upload PDF, PNG, JPEG, TIFF, DICOM (.dcm) or plain text files.',
      ),
    ).toBeTruthy();
    expect(screen.getByText('Not uploaded: ct.pdf is 250 MB; the limit is 200 MB.')).toBeTruthy();
  });

  it('shows the server’s words when it refuses a file, and a plain one when a proxy sends none', async () => {
    fakeServer([]);
    renderPanel('owner');
    await screen.findByText('No files yet');

    choose(pdfFile('fake.pdf'), pdfFile('huge.pdf'));
    await FakeXhr.sent[0]!.respond(415, {
      error: {
        code: 'unsupported_media_type',
        message: 'the content is not a PDF, PNG, JPEG, TIFF, DICOM or text file',
        request_id: 'r1',
      },
    });
    expect(
      screen.getByText('Upload failed: The content is not a PDF, PNG, JPEG, TIFF, DICOM or text file'),
    ).toBeTruthy();

    await FakeXhr.sent[1]!.respond(413, null);
    expect(screen.getByText('Upload failed: The file is larger than the server accepts.')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('refreshes an expired token once and sends the file again', async () => {
    const asked = fakeServer([]);
    renderPanel('practitioner');
    await screen.findByText('No files yet');

    choose(pdfFile('letter.pdf'));
    await FakeXhr.sent[0]!.respond(401, { error: { code: 'unauthenticated', message: 'expired', request_id: 'r' } });
    await vi.waitFor(() => expect(FakeXhr.sent).toHaveLength(2));

    expect(asked).toContain('POST /api/v1/sessions/refresh');
    expect(getAccessToken()).toBe('fresh');
    expect(FakeXhr.sent[1]!.headers.Authorization).toBe('Bearer fresh');
    await FakeXhr.sent[1]!.respond(201, stored('f1', 'letter.pdf', { size_bytes: 2000 }));
    expect(screen.getByRole('row', { name: /letter\.pdf/ })).toBeTruthy();
  });

  it('opens the file chooser from a button that keyboards and screen readers reach', async () => {
    fakeServer([]);
    renderPanel('nurse');
    const opened = vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(() => {});
    const button = await screen.findByRole('button', { name: 'Choose file' });
    expect(screen.getByRole('group', { name: 'Upload files to this patient’s record' })).toBeTruthy();

    button.focus();
    await userEvent.keyboard('{Enter}');
    expect(opened).toHaveBeenCalledTimes(1);
  });

  it('takes dropped files', async () => {
    fakeServer([]);
    renderPanel('nurse');
    const zone = await screen.findByRole('group', { name: 'Upload files to this patient’s record' });

    fireEvent.drop(zone, { dataTransfer: { files: [pdfFile('dropped.pdf')] } });
    expect(FakeXhr.sent).toHaveLength(1);
    expect(FakeXhr.sent[0]!.headers['X-File-Name']).toBe('dropped.pdf');
  });
});

describe('FilesPanel by role', () => {
  it('lets a read-only member see and download files but not upload', async () => {
    fakeServer([stored('f1', 'report.pdf')]);
    renderPanel('read_only');

    await screen.findByRole('row', { name: /report\.pdf/ });
    expect(screen.getByRole('button', { name: 'Download report.pdf' })).toBeTruthy();
    expect(screen.getByText('12.3 kB')).toBeTruthy();
    expect(screen.getByText('by Demo nurse')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Choose file' })).toBeNull();
  });

  it('shows nothing and asks nothing for the front desk, an admin or a guest', () => {
    for (const role of ['front_desk', 'admin', 'guest'] as const) {
      const asked = fakeServer([stored('f1', 'report.pdf')]);
      renderPanel(role);
      expect(asked).toEqual([]);
      expect(document.body.textContent).toBe('');
    }
  });
});

describe('FilesPanel downloads', () => {
  function saving() {
    URL.createObjectURL ??= () => '';
    URL.revokeObjectURL ??= () => {};
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:file');
    const saved: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(`${this.download} ${this.href}`);
    });
    return saved;
  }

  it('saves the whole file under its name', async () => {
    const asked = fakeServer(
      [stored('f1', 'report.pdf', { size_bytes: 5 })],
      () => new Response('%PDF-', { headers: { 'Content-Type': 'application/pdf' } }),
    );
    const saved = saving();
    renderPanel('nurse');

    await userEvent.click(await screen.findByRole('button', { name: 'Download report.pdf' }));

    expect(await screen.findByText('Downloaded report.pdf (5 bytes).')).toBeTruthy();
    expect(saved).toEqual(['report.pdf blob:file']);
    expect(asked).toContain('GET /api/v1/files/f1/content');
  });

  it('saves nothing from a cut transfer and says so', async () => {
    fakeServer([stored('f1', 'report.pdf', { size_bytes: 5000 })], () => {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new Uint8Array(100));
          controller.error(new TypeError('network error'));
        },
      });
      return new Response(body);
    });
    const saved = saving();
    renderPanel('nurse');

    await userEvent.click(await screen.findByRole('button', { name: 'Download report.pdf' }));

    expect((await screen.findByRole('alert')).textContent).toBe(
      'The download stopped before it was complete, so nothing was saved. Please try again.',
    );
    expect(saved).toEqual([]);
  });

  it('saves nothing when fewer bytes came than the file has', async () => {
    fakeServer([stored('f1', 'report.pdf', { size_bytes: 5000 })], () => new Response('%PDF-'));
    const saved = saving();
    renderPanel('nurse');

    await userEvent.click(await screen.findByRole('button', { name: 'Download report.pdf' }));

    expect((await screen.findByRole('alert')).textContent).toMatch(/nothing was saved/);
    expect(saved).toEqual([]);
  });
});
