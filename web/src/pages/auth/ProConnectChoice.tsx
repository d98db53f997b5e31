import { useEffect, useState } from 'react';
import { PROCONNECT_START, proconnectApi } from '../../api/proconnect.ts';
import { useLocation } from '../../app/router.tsx';
import { ProConnectButton } from '../../components/ProConnectButton.tsx';
import { Notice } from '../../components/Notice.tsx';

/**
 * On the sign-in page: ProConnect first, when the deployment configured it (otherwise nothing
 * shows), then the heading of passnum's own sign-in form. Also confirms a sign-out that went
 * through ProConnect.
 */
export function ProConnectChoice() {
  const { search } = useLocation();
  const [enabled, setEnabled] = useState(false);
  useEffect(() => {
    proconnectApi.status().then((s) => setEnabled(s.enabled), () => setEnabled(false));
  }, []);
  const signedOut = search.get('deconnexion');
  return (
    <>
      {signedOut ? (
        <Notice kind="succes" title="Déconnexion effectuée">
          <p>
            {signedOut === 'proconnect'
              ? 'Vous êtes déconnecté de passnum et de ProConnect.'
              : 'Vous êtes déconnecté de passnum.'}{' '}
            Pensez à fermer le navigateur sur un poste partagé.
          </p>
        </Notice>
      ) : null}
      {enabled ? (
        <>
          <h2>Avec ProConnect</h2>
          <p>Agents publics et professionnels de la médiation numérique : utilisez l’identité de votre administration ou de votre structure, sans mot de passe de plus.</p>
          <ProConnectButton href={PROCONNECT_START} />
          <h2>Avec votre mot de passe passnum</h2>
        </>
      ) : null}
    </>
  );
}
