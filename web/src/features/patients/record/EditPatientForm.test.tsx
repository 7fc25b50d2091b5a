import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Patient } from '../model';
import { EditPatientForm } from './EditPatientForm';

const read: Patient = {
  id: 'p1',
  mrn: 'MRN-1',
  family_name: 'Okafor',
  given_name: 'Amara',
  birth_date: '1961-03-14',
  sex: 'female',
  status: 'active',
  merged_into_id: null,
  phone: '0100',
  email: '',
  address: '1 Old Street',
  identifiers: [],
  version: 1,
};
const theirs: Patient = { ...read, phone: '0300', address: '2 New Street', version: 2 };

interface Sent {
  method: string;
  ifMatch: string | null;
  body: unknown;
}

/** Answers PATCH with each of `patches` in turn and GET with `latest`; records what was sent. */
function fakeServer(patches: [number, unknown][], latest: Patient) {
  const sent: Sent[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const text = await request.text();
      sent.push({
        method: request.method,
        ifMatch: request.headers.get('If-Match'),
        body: text ? JSON.parse(text) : null,
      });
      const [status, body] = request.method === 'PATCH' ? patches.shift()! : [200, latest];
      return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
    }),
  );
  return sent;
}

function inputNamed(label: string) {
  return screen.getByLabelText(label) as HTMLInputElement;
}

const stale = { error: { code: 'precondition_failed', message: 'the patient was changed', request_id: 'r1' } };

describe('EditPatientForm', () => {
  it('after a stale save shows what changed, keeps what was typed and saves the choice on the new version', async () => {
    const saved = { ...theirs, phone: '0200', version: 3 };
    const sent = fakeServer(
      [
        [412, stale],
        [200, saved],
      ],
      theirs,
    );
    const onSaved = vi.fn();
    render(<EditPatientForm patient={read} onSaved={onSaved} onCancel={() => {}} />);

    const phone = screen.getByLabelText('Phone');
    await userEvent.clear(phone);
    await userEvent.type(phone, '0200');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));

    expect((await screen.findByRole('alert')).textContent).toMatch(/someone else changed this record/i);
    const clash = screen.getByRole('group', { name: 'Phone: you both changed it' });
    expect(clash.textContent).toContain('0300');
    expect(inputNamed('Keep mine: 0200').checked).toBe(true);
    expect(screen.getByText(/their change, kept/).textContent).toContain('Address');
    expect(inputNamed('Phone').value).toBe('0200');
    expect(inputNamed('Address').value).toBe('2 New Street');

    await userEvent.click(screen.getByRole('button', { name: 'Save again' }));
    expect(onSaved).toHaveBeenCalledWith(saved, true);
    const patches = sent.filter((request) => request.method === 'PATCH');
    expect(patches.map((patch) => patch.ifMatch)).toEqual(['"1"', '"2"']);
    expect(patches[1]?.body).toEqual({ phone: '0200' });
  });

  it('saves their value when the person chooses theirs', async () => {
    const sent = fakeServer(
      [
        [412, stale],
        [200, theirs],
      ],
      theirs,
    );
    render(<EditPatientForm patient={read} onSaved={() => {}} onCancel={() => {}} />);
    await userEvent.clear(screen.getByLabelText('Phone'));
    await userEvent.type(screen.getByLabelText('Phone'), '0200');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await userEvent.click(await screen.findByRole('radio', { name: /Use theirs/ }));
    expect(inputNamed('Phone').value).toBe('0300');
    await userEvent.click(screen.getByRole('button', { name: 'Save again' }));
    expect(sent.filter((request) => request.method === 'PATCH')).toHaveLength(1);
  });
});
