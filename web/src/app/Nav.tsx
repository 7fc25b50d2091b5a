import { NavLink } from 'react-router-dom';
import { useSession } from '../auth/auth-context';
import './Nav.css';
import { navItemsFor } from './navigation';

export function Nav() {
  const { role } = useSession();
  return (
    <nav className="nav" aria-label="Main">
      <ul>
        {navItemsFor(role).map((item) => (
          <li key={item.to}>
            <NavLink to={item.to}>{item.label}</NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
