import { useEffect, useState } from 'react';
import { Page } from '../../app/Page.tsx';
import { Link } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { Loading, Notice } from '../../components/Notice.tsx';

export default function Logout() {
  const { me, signOut } = useSession();
  const [done, setDone] = useState(!me);
  useEffect(() => {
    if (me) void signOut().then(() => setDone(true));
    // Sign out once, on arrival.
  }, []);
  return (
    <Page title="Déconnexion">
      {done ? (
        <>
          <Notice kind="succes" title="Déconnexion effectuée" live>
            <p>Votre session est fermée. Pensez à fermer le navigateur sur un poste partagé.</p>
          </Notice>
          <p>
            <Link to="/connexion">Se connecter de nouveau</Link>
          </p>
        </>
      ) : (
        <Loading label="Déconnexion en cours…" />
      )}
    </Page>
  );
}
