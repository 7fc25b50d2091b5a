import { meetingStateLabels } from './labels';
import './meetings.css';
import type { MeetingState } from './types';

export function StateBadge({ state }: { state: MeetingState }) {
  return <span className={`state-badge state-badge--${state}`}>{meetingStateLabels[state]}</span>;
}
