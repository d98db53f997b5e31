import { Page } from '../../app/Page.tsx';
import { Link } from '../../app/router.tsx';

export default function Privacy() {
  return (
    <Page title="Données personnelles et mentions légales" lead="Ce que nous enregistrons quand votre mairie vous remet un pass numérique, pourquoi, pour combien de temps, et vos droits.">
      <h2>Qui est responsable de vos données ?</h2>
      <p>
        Le responsable du traitement est la collectivité qui porte le pass numérique sur votre territoire (l’intercommunalité ou le département qui
        finance les carnets). Les mairies, CCAS et espaces France Services qui vous reçoivent agissent pour son compte.
      </p>

      <h2>Pourquoi ces données sont-elles enregistrées ?</h2>
      <ul>
        <li>faire le point sur votre autonomie avec le numérique et vos besoins (diagnostic) ;</li>
        <li>vérifier que vous pouvez recevoir un carnet (un seul carnet par personne et par campagne) et vous le remettre ;</li>
        <li>vous conseiller des lieux d’accompagnement et, si vous le souhaitez, réserver une première séance ;</li>
        <li>vous rappeler une séance ou des tickets pas encore utilisés, seulement si vous avez donné un téléphone ou une adresse e-mail pour cela ;</li>
        <li>permettre aux lieux d’accompagnement d’accepter vos tickets et d’être remboursés ;</li>
        <li>éviter les fraudes et les erreurs ;</li>
        <li>évaluer le programme avec des statistiques qui ne permettent pas de vous reconnaître.</li>
      </ul>

      <h2>Sur quelle base légale ?</h2>
      <p>
        Ce traitement est nécessaire à l’exécution d’une mission d’intérêt public dont est investie la collectivité : l’inclusion numérique de ses
        habitants (article 6, paragraphe 1, point e, du règlement général sur la protection des données, RGPD).
      </p>

      <h2>Quelles données ?</h2>
      <ul>
        <li>votre prénom, votre nom de naissance, votre nom d’usage s’il y a lieu, votre date de naissance et votre commune ;</li>
        <li>si vous le souhaitez : votre adresse, votre téléphone, votre adresse e-mail ;</li>
        <li>vos réponses au diagnostic et les besoins que vous avez indiqués ;</li>
        <li>les critères de public prioritaire qui vous concernent (par exemple : demandeur d’emploi, 60 ans ou plus) ;</li>
        <li>votre carnet, et pour chaque ticket utilisé : le lieu, la date et le thème de la séance.</li>
      </ul>
      <p>Aucune donnée de santé ni de handicap n’est enregistrée à votre nom.</p>

      <h2>Qui peut les voir ?</h2>
      <ul>
        <li>les agents habilités de la mairie ou de l’organisme qui vous a reçu, pour les personnes qu’ils ont reçues ;</li>
        <li>le lieu d’accompagnement, seulement votre prénom et l’initiale de votre nom quand vous présentez un ticket, pour vérifier qu’il est bien à vous ;</li>
        <li>le service de la collectivité qui gère le pass numérique et son service financier, pour le suivi et les remboursements ;</li>
        <li>les personnes chargées de l’évaluation, seulement des données anonymes.</li>
      </ul>
      <p>Vos données ne sont ni vendues ni utilisées pour de la publicité.</p>

      <h2>Combien de temps ?</h2>
      <p>
        Vos données sont conservées <strong>deux ans après votre dernier contact</strong> avec le dispositif (remise du carnet, séance, rappel), puis elles
        sont anonymisées : votre nom, votre date de naissance et vos coordonnées sont effacés. Seules restent des statistiques qui ne permettent pas de
        vous reconnaître. Les pièces comptables des remboursements aux lieux d’accompagnement sont conservées pendant les durées prévues par les règles de
        la comptabilité publique.
      </p>

      <h2>Vos droits</h2>
      <p>
        Vous pouvez accéder à vos données et en obtenir une copie, les faire corriger, demander leur effacement ou la limitation de leur utilisation, et
        vous opposer à leur utilisation pour des raisons tenant à votre situation particulière. Vous pouvez à tout moment demander l’arrêt des rappels par
        SMS ou par e-mail.
      </p>
      <p>
        Pour exercer ces droits, adressez-vous à l’accueil de votre mairie, qui transmettra votre demande, ou écrivez au délégué à la protection des
        données (DPO) de la collectivité, à l’adresse de son siège, en précisant « pass numérique ». Une réponse vous sera apportée dans un délai d’un
        mois.
      </p>
      <p>
        Si vous estimez que vos droits ne sont pas respectés, vous pouvez adresser une réclamation à la Commission nationale de l’informatique et des
        libertés (CNIL) : <a href="https://www.cnil.fr/fr/plaintes">www.cnil.fr/fr/plaintes</a>, ou par courrier : CNIL, 3 place de Fontenoy, TSA 80715,
        75334 Paris CEDEX 07.
      </p>

      <h2>Cookies</h2>
      <p>
        Les pages publiques ne déposent aucun cookie. L’espace professionnel utilise un seul cookie, indispensable pour rester connecté ; il est supprimé à
        la déconnexion. Aucun outil de mesure d’audience ni de publicité n’est utilisé.
      </p>

      <h2>Mentions légales</h2>
      <ul>
        <li>Éditeur : la collectivité qui porte le pass numérique sur votre territoire ; directeur ou directrice de la publication : son président ou sa présidente.</li>
        <li>Hébergement : les serveurs de la collectivité ou de l’hébergeur qu’elle a choisi ; le nom et l’adresse de l’hébergeur sont disponibles sur simple demande auprès de la collectivité.</li>
        <li>Logiciel : passnum, logiciel libre.</li>
      </ul>
      <p>
        Voir aussi : <Link to="/accessibilite">déclaration d’accessibilité</Link>.
      </p>
    </Page>
  );
}
