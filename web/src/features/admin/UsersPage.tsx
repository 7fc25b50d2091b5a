import { useState } from 'react';
import { api, call } from '../../api/client';
import { apiErrorMessage } from '../../api/errors';
import { loadClinicSettings } from '../../auth/clinic-settings';
import { clinicRoleLabels } from '../../auth/session';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EmptyState } from '../../components/EmptyState';
import { FormError } from '../../components/FormError';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { StatusMessage } from '../../components/StatusMessage';
import { useApiData } from '../../components/useApiData';
import { AddUserDialog } from './AddUserDialog';
import { AdminTabs } from './AdminTabs';
import { ChangeRoleDialog } from './ChangeRoleDialog';
import { actionText, runAction, type ConfirmedAction } from './member-actions';
import { MemberRow } from './MemberRow';
import type { Member } from './members';

type Open =
  | { kind: 'add' }
  | { kind: 'role'; member: Member }
  | { kind: 'confirm'; action: ConfirmedAction; member: Member }
  | null;

export function UsersPage() {
  const members = useApiData(async (signal) => (await call(api.GET('/api/v1/users', { signal }))).items, []);
  const settings = useApiData((signal) => loadClinicSettings(signal), []);
  const [open, setOpen] = useState<Open>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const close = () => setOpen(null);

  function replace(changed: Member) {
    members.setData((items = []) => items.map((m) => (m.id === changed.id ? changed : m)));
  }

  function announce(message: string) {
    setError(null);
    setStatus(message);
  }

  async function unlock(member: Member) {
    try {
      await call(api.POST('/api/v1/users/{id}/unlock', { params: { path: { id: member.id } } }));
      replace({ ...member, locked: false });
      announce(`${member.display_name} is unlocked.`);
    } catch (err) {
      setError(apiErrorMessage(err));
    }
  }

  return (
    <>
      <PageHeading title="Users">
        <Button variant="primary" onClick={() => setOpen({ kind: 'add' })}>
          Add user
        </Button>
      </PageHeading>
      <AdminTabs />
      <StatusMessage message={status} />
      <FormError message={error ?? (members.error ? apiErrorMessage(members.error) : null)} />
      {members.data === undefined ? (
        members.loading && <Loading label="Loading users…" />
      ) : members.data.length === 0 ? (
        <EmptyState title="No users yet" />
      ) : (
        <table className="members">
          <caption className="visually-hidden">Members of this clinic</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {members.data.map((member) => (
              <MemberRow
                key={member.id}
                member={member}
                onChangeRole={(m) => setOpen({ kind: 'role', member: m })}
                onConfirm={(action, m) => setOpen({ kind: 'confirm', action, member: m })}
                onUnlock={unlock}
              />
            ))}
          </tbody>
        </table>
      )}
      {open?.kind === 'add' && (
        <AddUserDialog
          minPasswordLength={settings.data?.min_password_length}
          onAdded={(member) => {
            members.setData((items = []) => [...items.filter((m) => m.id !== member.id), member]);
            announce(`${member.display_name} is added as ${clinicRoleLabels[member.role]}.`);
            close();
          }}
          onClose={close}
        />
      )}
      {open?.kind === 'role' && (
        <ChangeRoleDialog
          member={open.member}
          onChanged={(member) => {
            replace(member);
            announce(`${member.display_name} is now ${clinicRoleLabels[member.role]}.`);
            close();
          }}
          onClose={close}
        />
      )}
      {open?.kind === 'confirm' && (
        <ConfirmMemberAction
          action={open.action}
          member={open.member}
          onDone={(member, message) => {
            replace(member);
            announce(message);
            close();
          }}
          onClose={close}
        />
      )}
    </>
  );
}

interface ConfirmMemberActionProps {
  action: ConfirmedAction;
  member: Member;
  onDone(member: Member, message: string): void;
  onClose(): void;
}

function ConfirmMemberAction({ action, member, onDone, onClose }: ConfirmMemberActionProps) {
  const text = actionText(action, member);
  return (
    <ConfirmDialog
      title={text.title}
      confirmLabel={text.confirmLabel}
      danger={text.danger}
      onConfirm={async () => onDone(await runAction(action, member), text.done)}
      onClose={onClose}
    >
      <p>{text.explanation}</p>
    </ConfirmDialog>
  );
}
