import { useState } from 'react';
import { useSession } from '../../auth/auth-context';
import { may } from './access';
import { FilesPanel } from './FilesPanel';

interface AgendaItemFilesProps {
  meetingId: string;
  itemId: string;
  /** The patient's name, for the list's caption. */
  patient: string;
  nameOf(userId: string): string;
}

/** An agenda item's files behind a disclosure: they are asked for when it is first opened. */
export function AgendaItemFiles({ meetingId, itemId, patient, nameOf }: AgendaItemFilesProps) {
  const { role } = useSession();
  const [opened, setOpened] = useState(false);
  if (!may(role, 'read')) return null;
  return (
    <details className="agenda-files" onToggle={(event) => event.currentTarget.open && setOpened(true)}>
      <summary>Files</summary>
      {opened && (
        <FilesPanel target={{ meetingId, itemId }} destination={`the agenda item of ${patient}`} nameOf={nameOf} />
      )}
    </details>
  );
}
