import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthContext, type AuthContextValue } from '../../auth/auth-context';
import type { ClinicRole } from '../../auth/session';
import { AgendaItemFiles } from './AgendaItemFiles';

function fakeServer() {
  const asked: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      asked.push(new URL(request.url).pathname);
      return new Response(JSON.stringify({ files: [] }), { headers: { 'Content-Type': 'application/json' } });
    }),
  );
  return asked;
}

function renderItem(role: ClinicRole) {
  const auth = { state: { status: 'signed_in', session: { role, memberships: [] } } } as unknown as AuthContextValue;
  render(
    <AuthContext.Provider value={auth}>
      <AgendaItemFiles meetingId="m1" itemId="i1" patient="Okafor, Amara" nameOf={() => ''} />
    </AuthContext.Provider>,
  );
}

afterEach(() => vi.unstubAllGlobals());

describe('AgendaItemFiles', () => {
  it('asks for the item’s files when first opened, and offers a nurse the upload', async () => {
    const asked = fakeServer();
    renderItem('nurse');
    expect(asked).toEqual([]);

    await userEvent.click(screen.getByText('Files'));

    expect(await screen.findByText('No files yet')).toBeTruthy();
    expect(asked).toEqual(['/api/v1/meetings/m1/agenda/i1/files']);
    expect(screen.getByRole('group', { name: 'Upload files to the agenda item of Okafor, Amara' })).toBeTruthy();
  });

  it('is not there for a guest', () => {
    const asked = fakeServer();
    renderItem('guest');
    expect(screen.queryByText('Files')).toBeNull();
    expect(asked).toEqual([]);
  });
});
