import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { apiErrorMessage } from '../api/errors';
import { useAuth, useSession } from '../auth/auth-context';
import { clinicRoleLabels } from '../auth/session';
import './ClinicSwitcher.css';

/** Choose a clinic, then press Switch: changing clinic on selection alone would surprise keyboard users. */
export function ClinicSwitcher() {
  const session = useSession();
  const { switchClinic } = useAuth();
  const navigate = useNavigate();
  const [chosen, setChosen] = useState(session.clinic_id);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    if (chosen === session.clinic_id) return;
    setBusy(true);
    setError(null);
    try {
      await switchClinic(chosen);
      navigate('/');
    } catch (err) {
      setError(apiErrorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="clinic-switcher" onSubmit={handleSubmit}>
      <label htmlFor="clinic-switcher">Clinic</label>
      <select
        id="clinic-switcher"
        value={chosen}
        onChange={(event) => setChosen(event.target.value)}
        aria-describedby={error ? 'clinic-switcher-error' : undefined}
      >
        {session.memberships.map((m) => (
          <option key={m.clinic_id} value={m.clinic_id}>
            {m.clinic_name} ({clinicRoleLabels[m.role]})
          </option>
        ))}
      </select>
      <button type="submit" disabled={busy || chosen === session.clinic_id}>
        Switch
      </button>
      {error && (
        <p id="clinic-switcher-error" className="clinic-switcher__error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
