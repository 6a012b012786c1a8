import { NavLink } from '@remix-run/react';
import type { ReactNode } from 'react';

/** One entry of a navigation list; `end` marks it current on its own address only. */
export function NavItem({ to, end, children }: { to: string; end?: boolean; children: ReactNode }) {
  return (
    <li>
      <NavLink to={to} end={end} className="nav-link">
        {children}
      </NavLink>
    </li>
  );
}
