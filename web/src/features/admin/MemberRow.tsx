import { useSession } from '../../auth/auth-context';
import { clinicRoleLabels } from '../../auth/session';
import { Button } from '../../components/Button';
import type { ConfirmedAction } from './member-actions';
import { canManage, type Member } from './members';

interface MemberRowProps {
  member: Member;
  onChangeRole(member: Member): void;
  onConfirm(action: ConfirmedAction, member: Member): void;
  onUnlock(member: Member): void;
}

export function MemberRow({ member, onChangeRole, onConfirm, onUnlock }: MemberRowProps) {
  const session = useSession();
  const me = { id: session.user.id, role: session.role };
  // Button text is short for the table; screen readers also hear whose row it is.
  const whose = <span className="visually-hidden"> {member.display_name}</span>;

  return (
    <tr>
      <th scope="row">
        {member.display_name}
        <span className="members__email">{member.email}</span>
      </th>
      <td>{clinicRoleLabels[member.role]}</td>
      <td>
        {member.disabled ? (
          <span className="badge badge--muted">Disabled</span>
        ) : (
          <span className="badge badge--ok">Active</span>
        )}
        {member.locked && <span className="badge badge--warning">Locked</span>}
        <span className={member.mfa_enabled ? 'badge badge--ok' : 'badge badge--muted'}>
          {member.mfa_enabled ? 'Two-step on' : 'Two-step off'}
        </span>
      </td>
      <td>
        {member.id === me.id ? (
          'You'
        ) : canManage(member, me) ? (
          <div className="members__actions">
            <Button onClick={() => onChangeRole(member)}>Change role{whose}</Button>
            <Button onClick={() => onConfirm(member.disabled ? 'enable' : 'disable', member)}>
              {member.disabled ? 'Enable' : 'Disable'}
              {whose}
            </Button>
            {member.locked && <Button onClick={() => onUnlock(member)}>Unlock{whose}</Button>}
            {member.mfa_enabled && (
              <Button onClick={() => onConfirm('reset_mfa', member)}>Reset authenticator{whose}</Button>
            )}
            <Button onClick={() => onConfirm('end_sessions', member)}>End sessions{whose}</Button>
          </div>
        ) : (
          'Only an owner can change an owner'
        )}
      </td>
    </tr>
  );
}
