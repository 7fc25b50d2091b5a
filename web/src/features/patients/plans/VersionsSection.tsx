import { Link } from 'react-router-dom';
import { apiErrorMessage } from '../../../api/errors';
import { FormError } from '../../../components/FormError';
import { Loading } from '../../../components/Loading';
import { Section } from '../../../components/Section';
import { useApiData } from '../../../components/useApiData';
import { formatDateTime } from '../../../lib/format';
import type { Directory } from '../../directory/useDirectory';
import { readVersions } from './api';
import { planStateLabels, type Plan } from './plan-model';

/** Every kept version of a plan, newest first, each one viewable. */
export function VersionsSection({ plan, directory }: { plan: Plan; directory: Directory }) {
  const versions = useApiData((signal) => readVersions(plan.id, signal), [plan.id, plan.version]);
  return (
    <Section title="Versions">
      <FormError message={versions.error ? apiErrorMessage(versions.error) : null} />
      {versions.data === undefined ? (
        versions.loading && <Loading label="Loading the versions…" />
      ) : (
        <table className="plan-versions">
          <caption className="visually-hidden">Versions of this plan, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">State</th>
              <th scope="col">Changed by</th>
              <th scope="col">When</th>
            </tr>
          </thead>
          <tbody>
            {versions.data.map((version) => (
              <tr key={version.version}>
                <th scope="row">
                  {version.version === plan.version ? (
                    `${version.version} (current)`
                  ) : (
                    <Link to={`/patients/${plan.patient_id}/plans/${plan.id}/versions/${version.version}`}>
                      Version {version.version}
                    </Link>
                  )}
                </th>
                <td>{planStateLabels[version.state]}</td>
                <td>{directory.nameOf(version.changed_by)}</td>
                <td>{formatDateTime(version.changed_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}
