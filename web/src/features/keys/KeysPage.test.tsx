import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KeyStatus } from './api';
import { KeysPage } from './KeysPage';

function keyStatus(current: number, patientKeysPending: number): KeyStatus {
  const versions = Array.from({ length: current }, (_, index) => current - index).map((version) => ({
    version,
    root_key_version: 1,
    created_at: `2026-11-${String(20 + version).padStart(2, '0')}T09:00:00Z`,
    patient_keys: version === current ? 5 - patientKeysPending : version === current - 1 ? patientKeysPending : 0,
  }));
  return {
    root_key: { provider: 'key files in data/keys/root', current_version: 1 },
    current_version: current,
    clinic_key_versions: versions,
    patient_keys: 5,
    destroyed_patient_keys: 2,
    rewrap_pending: { patient_keys: patientKeysPending, clinic_keys: 0 },
  };
}

/** Answers GET /api/v1/keys with `reads` in turn (the last one again once they run out) and a rotation with `rotated`. */
function fakeServer(reads: KeyStatus[], rotated?: KeyStatus) {
  const asked: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      asked.push(`${request.method} ${new URL(request.url).pathname}`);
      const body = request.method === 'POST' ? rotated : reads.length > 1 ? reads.shift() : reads[0];
      return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
    }),
  );
  return asked;
}

function fact(term: string): string {
  return screen.getAllByText(term, { selector: 'dt' })[0]?.nextElementSibling?.textContent ?? '';
}

afterEach(() => vi.unstubAllGlobals());

describe('KeysPage', () => {
  it('shows the root key, the clinic key’s versions, erased patients and that nothing is left to re-wrap', async () => {
    fakeServer([keyStatus(1, 0)]);
    render(<KeysPage />);

    expect(screen.getByRole('heading', { level: 1, name: 'Encryption keys' })).toBeTruthy();
    const table = await screen.findByRole('table', { name: 'Clinic key versions, newest first' });
    expect(fact('Kept in')).toBe('key files in data/keys/root');
    expect(fact('Current version')).toBe('1');
    expect(fact('Rotation')).toBe('All keys are under the current version');
    expect(fact('Erased patients')).toMatch(/^2/);
    const rows = within(table).getAllByRole('row');
    const cells = within(rows[1]!)
      .getAllByRole('cell')
      .map((cell) => cell.textContent);
    expect([cells[0], cells[2]]).toEqual(['1', '5']);
    expect(within(rows[1]!).getByRole('rowheader').textContent).toBe('1Current');
  });

  it('asks before rotating, saying what happens, and follows the re-wrapping until it is done', async () => {
    const asked = fakeServer([keyStatus(1, 0), keyStatus(2, 2), keyStatus(2, 0)], keyStatus(2, 3));
    render(<KeysPage pollMs={5} />);
    const person = userEvent.setup();

    await person.click(await screen.findByRole('button', { name: 'Rotate clinic key' }));
    const dialog = screen.getByRole('dialog', { name: 'Rotate the clinic key?' });
    expect(dialog.textContent).toMatch(/everything written from now on uses it at once/);
    expect(dialog.textContent).toMatch(/re-wrapped under the new one in the background/);
    expect(dialog.textContent).toMatch(/Everything stays readable/);
    expect(document.activeElement?.textContent).toBe('Cancel');
    expect(asked).not.toContain('POST /api/v1/keys/rotate');

    await person.click(within(dialog).getByRole('button', { name: 'Rotate clinic key' }));

    expect(asked).toContain('POST /api/v1/keys/rotate');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(fact('Current version')).toBe('2');
    expect(screen.getByText(/Clinic key version 2 is now in use/)).toBeTruthy();
    expect(fact('Rotation')).toBe('Re-wrapping: 3 patient keys left');

    await vi.waitFor(() => expect(fact('Rotation')).toBe('All keys are under the current version'));
    expect(screen.getByText('Re-wrapping is done: all keys are under the current version.')).toBeTruthy();
    const reads = asked.filter((call) => call === 'GET /api/v1/keys').length;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(asked.filter((call) => call === 'GET /api/v1/keys').length).toBe(reads);
  });

  it('rotates nothing when the owner cancels', async () => {
    const asked = fakeServer([keyStatus(1, 0)]);
    render(<KeysPage />);
    const person = userEvent.setup();

    await person.click(await screen.findByRole('button', { name: 'Rotate clinic key' }));
    await person.click(screen.getByRole('button', { name: 'Cancel' }));

    expect(screen.queryByRole('dialog')).toBeNull();
    expect(asked).toEqual(['GET /api/v1/keys']);
  });
});
