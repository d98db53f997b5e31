import { Page } from '../../app/Page.tsx';
import { Link } from '../../app/router.tsx';

export default function Accessibility() {
  return (
    <Page title="Déclaration d’accessibilité">
      <p>
        La collectivité qui porte le pass numérique s’engage à rendre ses services numériques accessibles, conformément à l’article 47 de la loi
        n° 2005-102 du 11 février 2005.
      </p>
      <p>Cette déclaration d’accessibilité s’applique à l’application passnum : les pages publiques (« Où utiliser mon pass ? », « Vérifier mon pass ») et les espaces des agents, des structures et de la collectivité.</p>

      <h2>État de conformité</h2>
      <p>
        passnum est <strong>partiellement conforme</strong> avec le référentiel général d’amélioration de l’accessibilité (RGAA), version 4.1, en raison
        des non-conformités et des points non vérifiés énumérés ci-dessous.
      </p>

      <h2>Résultats des tests</h2>
      <p>
        Aucun audit complet par un organisme indépendant n’a encore été réalisé : nous ne publions donc pas de taux de conformité. Chaque version est
        vérifiée automatiquement (outil axe-core, règles WCAG 2.1 niveaux A et AA) sur chaque page, sur un écran de téléphone et d’ordinateur, et les
        parcours principaux sont testés au clavier seul. Les tests automatiques ne détectent qu’une partie des problèmes.
      </p>

      <h2>Contenus non accessibles</h2>
      <h3>Non-conformités connues ou possibles</h3>
      <ul>
        <li>Les carnets imprimables (PDF) ne sont pas encore des documents PDF balisés ; leur contenu (prénom, validité, lieux conseillés, codes) est lisible à l’écran dans l’application et peut être lu par l’agent.</li>
        <li>La lecture des QR codes par la caméra ne peut pas être utilisée sans la vue ; la saisie du code au clavier est toujours proposée à la place.</li>
        <li>La restitution par les lecteurs d’écran (NVDA, JAWS, VoiceOver, TalkBack) n’a pas encore été vérifiée par des utilisateurs.</li>
      </ul>
      <h3>Contenus non soumis à l’obligation d’accessibilité</h3>
      <ul>
        <li>La documentation technique de l’API, destinée aux développeurs des structures (documentation interactive de l’API, outil tiers, reliée depuis la page des intégrateurs).</li>
      </ul>

      <h2>Établissement de cette déclaration</h2>
      <p>Cette déclaration a été établie le 27 novembre 2026.</p>
      <ul>
        <li>Technologies utilisées : HTML5, CSS, JavaScript (React).</li>
        <li>Environnement de test : navigateur Chromium, sur un écran de 375 pixels de large et sur un écran d’ordinateur, au clavier seul.</li>
        <li>Outil : axe-core.</li>
      </ul>

      <h2>Retour d’information et contact</h2>
      <p>
        Si vous n’arrivez pas à accéder à un contenu ou à un service, adressez-vous à l’accueil de votre mairie ou au service du pass numérique de la
        collectivité : on vous proposera une autre manière d’obtenir l’information ou de faire la démarche, par exemple au guichet ou par téléphone.
      </p>

      <h2>Voies de recours</h2>
      <p>
        Si vous nous avez signalé un défaut d’accessibilité qui vous empêche d’accéder à un contenu ou à un service et que vous n’avez pas obtenu de
        réponse satisfaisante, vous pouvez :
      </p>
      <ul>
        <li>
          écrire un message au Défenseur des droits (<a href="https://formulaire.defenseurdesdroits.fr/">formulaire en ligne du Défenseur des droits</a>) ;
        </li>
        <li>
          contacter le délégué du Défenseur des droits près de chez vous (<a href="https://www.defenseurdesdroits.fr/saisir/delegues">liste des délégués du Défenseur des droits</a>) ;
        </li>
        <li>appeler le Défenseur des droits au 09 69 39 00 00 ;</li>
        <li>envoyer un courrier par la poste (gratuit, sans timbre) : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.</li>
      </ul>
      <p>
        Voir aussi : <Link to="/donnees-personnelles">données personnelles et mentions légales</Link>.
      </p>
    </Page>
  );
}
