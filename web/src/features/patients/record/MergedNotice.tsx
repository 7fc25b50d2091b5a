import { Link } from 'react-router-dom';
import '../shared/notice.css';

/** On a record merged into another: it is kept read-only, and the survivor is where work goes on. */
export function MergedNotice({ survivorId }: { survivorId: string }) {
  return (
    <div className="notice" role="note">
      <p>
        <strong>This record was merged into another record of the same patient.</strong> It is kept as it was,
        read-only. <Link to={`/patients/${survivorId}`}>Open the record it was merged into</Link>.
      </p>
    </div>
  );
}
