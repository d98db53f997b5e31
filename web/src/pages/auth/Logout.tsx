import { useEffect, useState } from 'react';
import { proconnectApi } from '../../api/proconnect.ts';
import { Page } from '../../app/Page.tsx';
import { Link } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { Loading, Notice } from '../../components/Notice.tsx';

export default function Logout() {
  const { me, signOut } = useSession();
  const [done, setDone] = useState(!me);
  useEffect(() => {
    // Sign out once, on arrival. A session opened through ProConnect also ends there: the server
    // closes the passnum session and gives ProConnect's sign-out address, which brings the browser
    // back to the sign-in page.
    if (!me) return;
    proconnectApi
      .signOut()
      .then((out) => {
        if (out.redirectUrl) window.location.assign(out.redirectUrl);
        else void signOut().then(() => setDone(true));
      })
      .catch(() => void signOut().then(() => setDone(true)));
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
