import { formatDateTime } from '../../../lib/format';
import type { Directory } from '../../directory/useDirectory';
import type { PlanEditing } from './edit-window';
import type { Plan } from './plan-model';
import '../shared/notice.css';

interface EditWindowNoticeProps {
  plan: Plan;
  editing: PlanEditing;
  directory: Directory;
}

/** After completion: how long the plan stays editable, and by whom; then that corrections are addenda. */
export function EditWindowNotice({ plan, editing, directory }: EditWindowNoticeProps) {
  if (editing.kind === 'open') return null;
  if (editing.kind === 'window') {
    return (
      <div className="notice notice--info plan-notice">
        <p>
          <strong>Editable for {editing.timeLeft} more</strong>, until {formatDateTime(editing.closesAt.toISOString())}.
        </p>
        <p>
          {editing.canEdit
            ? 'Only you, as the responsible clinician, may change it. After that it is read-only and corrections are addenda.'
            : `Only ${directory.nameOf(plan.responsible_clinician_id)}, the responsible clinician, may change it.`}
        </p>
      </div>
    );
  }
  return (
    <div className="notice notice--info plan-notice">
      <p>
        <strong>Read-only.</strong>{' '}
        {plan.state === 'stopped'
          ? 'The plan was stopped.'
          : `Its edit window closed${plan.edit_window_closes_at ? ` on ${formatDateTime(plan.edit_window_closes_at)}` : ''}.`}{' '}
        Corrections are added as addenda.
      </p>
    </div>
  );
}
