import { Section } from '../../components/Section';
import { FilesPanel } from './FilesPanel';

interface FilesSectionProps {
  patientId: string;
  /** A merged record takes no new files: they go to the record it was merged into. */
  merged: boolean;
  nameOf(userId: string): string;
}

/** A patient's files on their record, with those attached to their agenda items. */
export function FilesSection({ patientId, merged, nameOf }: FilesSectionProps) {
  return (
    <Section title="Files">
      <FilesPanel target={{ patientId }} destination="this patient’s record" nameOf={nameOf} takesUploads={!merged} />
    </Section>
  );
}
