import { useEffect, useState, type ReactNode } from 'react';
import { formatSiret } from '../../../../src/domain/proconnect.ts';
import { PROCONNECT_START, proconnectApi, type ProConnectRefusal } from '../../api/proconnect.ts';
import { Page } from '../../app/Page.tsx';
import { Link, useLocation } from '../../app/router.tsx';
import { Loading, Notice } from '../../components/Notice.tsx';

// Why a ProConnect sign-in did not open a session, in words the person can act on: who to ask,
// naming the establishment ProConnect gave. passnum never creates an account by itself.

function establishment(r: ProConnectRefusal): string {
  const known = r.knownEstablishments[0]?.name;
  const siret = r.siret ? `SIRET ${formatSiret(r.siret)}` : 'SIRET non transmis';
  return `${known ? `${known} (${siret})` : `l’établissement ${siret}`}${r.organizationalUnit ? `, service « ${r.organizationalUnit} »` : ''}`;
}

function Explanation({ r }: { r: ProConnectRefusal }): ReactNode {
  const email = r.email ?? 'votre adresse';
  switch (r.reason) {
    case 'unknown_person':
      return (
        <>
          <p>
            ProConnect vous a bien identifié : <strong>{email}</strong>, {establishment(r)}. Mais aucun compte passnum n’existe pour cette adresse : passnum ne crée pas de compte de lui-même, c’est l’administration du programme qui ouvre les accès.
          </p>
          <h2>Qui contacter ?</h2>
          {r.knownEstablishments.length ? (
            <p>
              Votre établissement, {r.knownEstablishments[0].name}, participe au pass numérique ({r.knownEstablishments[0].territoryName}). Demandez à l’administration du programme de votre territoire, ou à la personne qui gère les comptes passnum de votre établissement, de créer votre compte avec l’adresse <strong>{email}</strong>. Vous pourrez ensuite vous connecter avec ProConnect.
            </p>
          ) : (
            <p>
              Votre établissement n’est pas encore inscrit dans passnum. S’il participe au pass numérique, demandez à l’administration du programme de votre territoire (en général le service de la communauté d’agglomération qui gère le pass numérique) de l’ajouter et de créer votre compte avec l’adresse <strong>{email}</strong>.
            </p>
          )}
        </>
      );
    case 'siret_mismatch':
      return (
        <p>
          Votre compte passnum ({email}) est rattaché à <strong>{r.accountEstablishment}</strong>, mais ProConnect vous identifie dans {establishment(r)}. Si vous avez changé d’établissement, demandez à l’administration du programme de mettre votre compte à jour.
        </p>
      );
    case 'linked_elsewhere':
      return <p>Le compte passnum {email} est déjà relié à une autre identité ProConnect. Demandez à l’administration du programme de vérifier votre compte.</p>;
    case 'account_disabled':
      return <p>Votre compte passnum ({email}) est désactivé. Si vous en avez encore besoin, demandez à l’administration du programme de le réactiver.</p>;
    case 'mfa_required':
      return (
        <p>
          Votre rôle{r.roleLabel ? ` (${r.roleLabel})` : ''} exige une double authentification. Reconnectez-vous avec ProConnect et validez votre second facteur (application d’authentification, carte agent…). Si votre fournisseur d’identité n’en propose pas, connectez-vous avec votre mot de passe passnum et votre code de vérification.
        </p>
      );
    case 'token_invalid':
    case 'provider_error':
      return <p>La réponse de ProConnect n’a pas pu être vérifiée, ou ProConnect a interrompu la connexion. Réessayez ; si le problème continue, connectez-vous avec votre mot de passe passnum et signalez-le à l’administration du programme.</p>;
    case 'claims_missing':
      return <p>ProConnect n’a pas transmis votre adresse e-mail ou le SIRET de votre établissement, dont passnum a besoin pour trouver votre compte. Demandez à votre fournisseur d’identité de les transmettre, ou connectez-vous avec votre mot de passe passnum.</p>;
    default:
      return <p>La connexion a expiré ou a été interrompue : elle doit être terminée dans les 10 minutes, dans le navigateur où elle a commencé. Recommencez.</p>;
  }
}

const EXPIRED: ProConnectRefusal = {
  reason: 'flow_expired', email: null, siret: null, organizationalUnit: null, knownEstablishments: [], accountEstablishment: null, roleLabel: null,
};

export default function ProConnectRefusalPage() {
  const { search } = useLocation();
  const unavailable = search.get('motif') === 'indisponible';
  const [refusal, setRefusal] = useState<ProConnectRefusal | null>(null);
  useEffect(() => {
    if (!unavailable) proconnectApi.refusal().then(setRefusal, () => setRefusal(EXPIRED));
  }, [unavailable]);
  return (
    <Page title="Connexion avec ProConnect impossible">
      {unavailable ? (
        <Notice kind="erreur" title="ProConnect ne répond pas">
          <p>Le service ProConnect n’a pas pu être joint. Réessayez dans quelques minutes, ou connectez-vous avec votre mot de passe passnum.</p>
        </Notice>
      ) : refusal ? (
        <Notice kind="erreur" title="Vous n’êtes pas connecté à passnum">
          <Explanation r={refusal} />
        </Notice>
      ) : (
        <Loading />
      )}
      <ul>
        <li>
          <a href={PROCONNECT_START}>Réessayer avec ProConnect</a>
        </li>
        <li>
          <Link to="/connexion">Revenir à la page de connexion</Link>
        </li>
      </ul>
    </Page>
  );
}
