import { Page } from '../../app/Page.tsx';
import { Link } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { Notice } from '../../components/Notice.tsx';
import { Tiles } from '../../components/Tiles.tsx';
import { menuFor } from '../../routes.ts';

const toTiles = (role: Parameters<typeof menuFor>[0]) =>
  menuFor(role).map((r) => ({ to: r.path, title: r.menu!.label, text: r.menu!.description }));

function PublicHome() {
  return (
    <Page title="Le pass numérique" lead="Des tickets gratuits pour apprendre à utiliser un ordinateur, un smartphone ou une tablette, près de chez vous.">
      <p>
        Votre mairie vous a remis un carnet de tickets ? Chaque ticket paie une séance d’accompagnement dans un lieu partenaire : médiathèque,
        espace public numérique, association…
      </p>
      <Tiles label="Pour les habitants" items={toTiles(null)} />
      <h2>Vous n’avez pas encore de carnet ?</h2>
      <p>Adressez-vous à l’accueil de votre mairie : un agent fera avec vous le point sur vos besoins et vous remettra un carnet si vous y avez droit.</p>
      <h2>Vous travaillez en mairie ou dans une structure ?</h2>
      <p>
        <Link to="/connexion">Connectez-vous à votre espace professionnel</Link>.
      </p>
    </Page>
  );
}

export default function Home() {
  const { me } = useSession();
  if (!me) return <PublicHome />;
  const tiles = toTiles(me.role);
  const scope = me.organisation?.name ?? me.structure?.name ?? me.territory.name;
  return (
    <Page title="Accueil" lead={`Bonjour ${me.displayName}. Votre rôle : ${me.roleLabel.toLowerCase()} — ${scope}.`}>
      {(me.role === 'admin' || me.role === 'finance') && !me.totpEnabled ? (
        <Notice kind="attention" title="Protégez votre compte">
          <p>
            Votre rôle donne accès à des données sensibles. <Link to="/compte/securite">Activez la double authentification</Link>.
          </p>
        </Notice>
      ) : null}
      <h2>Vos tâches principales</h2>
      {tiles.length ? (
        <Tiles label="Vos tâches principales" items={tiles} />
      ) : (
        <p>
          Votre rôle n’a pas encore d’écran dans l’application web. Toutes ses actions sont possibles par l’<a href="/api/docs">API documentée</a>.
        </p>
      )}
      <h2>Pour les habitants</h2>
      <Tiles label="Pages publiques" items={toTiles(null)} />
    </Page>
  );
}
