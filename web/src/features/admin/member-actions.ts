import { api, call } from '../../api/client';
import { patchMember, type Member } from './members';

/** The member actions that ask first, what they say, and what they do. */
export type ConfirmedAction = 'disable' | 'enable' | 'reset_mfa' | 'end_sessions';

interface ActionText {
  title: string;
  confirmLabel: string;
  explanation: string;
  /** Announced when it is done. */
  done: string;
  danger: boolean;
}

export function actionText(action: ConfirmedAction, member: Member): ActionText {
  const name = member.display_name;
  switch (action) {
    case 'disable':
      return {
        title: `Disable ${name}?`,
        confirmLabel: 'Disable',
        explanation: `${name} will no longer be able to work in this clinic, and their sessions here end now. You can enable them again later.`,
        done: `${name} is disabled.`,
        danger: true,
      };
    case 'enable':
      return {
        title: `Enable ${name}?`,
        confirmLabel: 'Enable',
        explanation: `${name} will be able to sign in to this clinic again, with the role they had.`,
        done: `${name} is enabled.`,
        danger: false,
      };
    case 'reset_mfa':
      return {
        title: `Reset ${name}'s authenticator app?`,
        confirmLabel: 'Reset authenticator',
        explanation: `Their authenticator app and recovery codes stop working. They set up a new app the next time they sign in. Do this only once you are sure it is really ${name} asking.`,
        done: `${name}'s authenticator app is reset.`,
        danger: true,
      };
    case 'end_sessions':
      return {
        title: `End ${name}'s sessions?`,
        confirmLabel: 'End sessions',
        explanation: `${name} is signed out of this clinic on every device and must sign in again.`,
        done: `${name}'s sessions in this clinic have ended.`,
        danger: true,
      };
  }
}

/** Does it on the server; resolves to the member as they are afterwards. */
export async function runAction(action: ConfirmedAction, member: Member): Promise<Member> {
  const path = { id: member.id };
  switch (action) {
    case 'disable':
    case 'enable':
      return patchMember(member.id, { disabled: action === 'disable' });
    case 'reset_mfa':
      await call(api.DELETE('/api/v1/users/{id}/mfa', { params: { path } }));
      return { ...member, mfa_enabled: false };
    case 'end_sessions':
      await call(api.DELETE('/api/v1/users/{id}/sessions', { params: { path } }));
      return member;
  }
}
