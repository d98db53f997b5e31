import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, sessionApi, setCsrfToken, setUnauthenticatedHandler, type LoginBody, type Me, type Programme } from '../api/client.ts';

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous'; expired?: boolean }
  | { status: 'signed-in'; me: Me };

interface SessionApi {
  state: SessionState;
  me: Me | null;
  /** The territory's programme (name, logo, help contact), also for visitors; null while loading. */
  programme: Programme | null;
  /** Signs in; throws ApiError (code 'totp_required' when the second factor is needed). */
  signIn(body: LoginBody): Promise<Me>;
  signOut(): Promise<void>;
  refresh(): Promise<Me | null>;
}

const SessionContext = createContext<SessionApi | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [programme, setProgramme] = useState<Programme | null>(null);

  const refresh = useCallback(async () => {
    const { me, programme } = await sessionApi.state();
    setProgramme(programme);
    setCsrfToken(me?.csrfToken ?? null);
    setState(me ? { status: 'signed-in', me } : { status: 'anonymous' });
    return me;
  }, []);

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      setCsrfToken(null);
      setState({ status: 'anonymous', expired: true });
    });
    refresh().catch(() => setState({ status: 'anonymous' }));
    return () => setUnauthenticatedHandler(null);
  }, [refresh]);

  const signIn = useCallback(async (body: LoginBody) => {
    const result = await sessionApi.login(body);
    setCsrfToken(result.csrfToken);
    const me = await refresh();
    if (!me) throw new ApiError(401, 'unauthenticated', 'La connexion n’a pas abouti. Réessayez.');
    return me;
  }, [refresh]);

  const signOut = useCallback(async () => {
    try {
      await sessionApi.logout();
    } catch {
      // The session may already be gone; signing out locally is what matters.
    }
    setCsrfToken(null);
    setState({ status: 'anonymous' });
  }, []);

  const value = useMemo<SessionApi>(
    () => ({ state, me: state.status === 'signed-in' ? state.me : null, programme, signIn, signOut, refresh }),
    [state, programme, signIn, signOut, refresh],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}
