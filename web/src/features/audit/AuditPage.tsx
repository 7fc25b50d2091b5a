import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useSession } from '../../auth/auth-context';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { FormError } from '../../components/FormError';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { StatusMessage } from '../../components/StatusMessage';
import { useDirectory } from '../directory/useDirectory';
import { may } from './access';
import { AuditFilterForm } from './AuditFilterForm';
import { AuditTable } from './AuditTable';
import { ExportButtons } from './ExportButtons';
import { addressFor, auditQuery, filtersFromAddress, kPatientParameter, type AuditFilters } from './filters';
import { describeTrail } from './trail';
import { useAuditTrail } from './useAuditTrail';
import './audit.css';

/** The clinic's audit trail for owners and admins: filters, newest records first, older on request, exports. */
export function AuditPage() {
  const { role } = useSession();
  const [address, setAddress] = useSearchParams();
  const addressPatient = address.get(kPatientParameter) ?? '';
  const directory = useDirectory();
  const { trail, loading, show, loadOlder, loadingOlder, olderError } = useAuditTrail();
  const shownPatient = useRef(addressPatient);
  const [formGeneration, setFormGeneration] = useState(0);

  useEffect(() => {
    // Arriving from elsewhere (a patient page's link, the navigation) starts again with the address's filters.
    if (addressPatient === shownPatient.current) return;
    shownPatient.current = addressPatient;
    setFormGeneration((generation) => generation + 1);
  }, [addressPatient]);

  async function apply(filters: AuditFilters) {
    const query = auditQuery(filters);
    await show(query);
    shownPatient.current = query.patient_id ?? '';
    if (addressPatient !== shownPatient.current) setAddress(addressFor(filters), { replace: true });
  }

  return (
    <>
      <PageHeading title="Audit trail" />
      <AuditFilterForm
        key={formGeneration}
        initialFilters={filtersFromAddress(address)}
        members={directory.members}
        onApply={apply}
      />
      {may(role, 'export') && <ExportButtons query={trail?.query ?? null} />}
      <StatusMessage message={trail && describeTrail(trail)} />
      {trail === null ? (
        loading && <Loading label="Loading the audit trail…" />
      ) : trail.events.length === 0 ? (
        <EmptyState title="No records match these filters" />
      ) : (
        <>
          <AuditTable events={trail.events} />
          <FormError message={olderError} />
          {trail.nextCursor && (
            <p>
              <Button onClick={() => void loadOlder()} busy={loadingOlder}>
                Load older records
              </Button>
            </p>
          )}
        </>
      )}
    </>
  );
}
