import { createContext, useContext } from 'react';
import type { MapSettings, Me } from '../../contract.js';

export interface Session {
  me: Me;
  /** the case map's tile source; absent: no map, and no request to any server but this one */
  map?: MapSettings;
  /** replaces the session after a password change (new cookie, new token) */
  refresh(me: Me, csrfToken: string): void;
  logout(): Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a logged-in console');
  return s;
}
