import { NavLink } from 'react-router-dom';
import './admin.css';

/** Moves between the administration pages. */
export function AdminTabs() {
  return (
    <nav className="admin-tabs" aria-label="Administration">
      <NavLink to="/admin/users">Users</NavLink>
      <NavLink to="/admin/settings">Clinic settings</NavLink>
    </nav>
  );
}
