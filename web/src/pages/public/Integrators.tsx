import { Page } from '../../app/Page.tsx';
import { Link } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';

/** For the people who connect software to passnum: the API reference, tokens, open data. */
export default function Integrators() {
  const { programme } = useSession();
  const code = programme?.territoryCode ?? '{code du territoire}';
  return (
    <Page title="Intégrer passnum à un logiciel" lead="Pour les développeurs des structures, des collectivités et des réutilisateurs de données ouvertes.">
      <h2>La documentation de l’API</h2>
      <p>
        Tout ce que fait l’application web passe par une API JSON, décrite au format OpenAPI 3 : <a href="/api/docs">la documentation interactive</a> et{' '}
        <a href="/api/openapi.json">le fichier OpenAPI</a>. Chaque réponse d’erreur porte un code stable et un message en français.
      </p>
      <h2>Se connecter avec un jeton</h2>
      <p>
        Le responsable d’une structure crée un jeton dans <Link to="/structure/equipe">Équipe et accès</Link>, puis le logiciel l’envoie dans l’en-tête{' '}
        <code>Authorization: Bearer &lt;jeton&gt;</code>. Un jeton agit avec les droits de son créateur, dans le périmètre de sa structure ; il se
        révoque au même endroit.
      </p>
      <h2>Les données ouvertes</h2>
      <p>
        Les statistiques anonymisées du programme, par commune et par mois, sont publiques et sans compte :{' '}
        <a href={`/api/open-data/${code}/statistiques.csv`}>en CSV</a> ou <a href={`/api/open-data/${code}/statistiques.json`}>en JSON</a>. Les effectifs
        de 1 à 4 personnes sont masqués.
      </p>
      <h2>Limites</h2>
      <p>
        Les services publics sans compte (vérifier un ticket, chercher un lieu) limitent le nombre de demandes par adresse : au-delà, la réponse est
        429 avec l’en-tête <code>Retry-After</code>, qui dit combien de secondes attendre.
      </p>
    </Page>
  );
}
