import type { Kysely } from 'kysely';

// The diagnostic model v2 (issue #18): a level per area (equal weights, « pas concerné » left out),
// five observed tasks that weigh twice a self-report answer, needs mapped to the Coop's
// thématiques and to the areas they call on, an orientation block (urgency, learn or have it
// done). Wording in plain French (FALC): one action per question, short sentences, every word
// that could be unknown explained in a hint read aloud with the question (docs/diagnostic.md
// records the review and its sources). v2 becomes the current model; v1 stays for the diagnostics
// made with it, which are compared only with v1.

const SCALE = [
  { id: 'jamais', label: 'Non, je ne sais pas faire', score: 0 },
  { id: 'avec_aide', label: 'Oui, si quelqu’un m’aide', score: 1 },
  { id: 'seul_parfois_aide', label: 'Oui, seul ou seule. Parfois, j’ai besoin d’aide', score: 2 },
  { id: 'seul', label: 'Oui, seul ou seule, sans aide', score: 3 },
  { id: 'pas_concerne', label: 'Je n’en ai pas besoin', notApplicable: true },
];
// Observed tasks share the option ids of the scale, so that one answer sheet reads both.
const OBSERVED = [
  { id: 'jamais', label: 'N’a pas réussi', score: 0 },
  { id: 'avec_aide', label: 'A réussi avec beaucoup d’aide', score: 1 },
  { id: 'seul_parfois_aide', label: 'A réussi avec un peu d’aide', score: 2 },
  { id: 'seul', label: 'A réussi seul ou seule', score: 3 },
  { id: 'non_observe', label: 'Tâche non faite (pas le temps, pas d’appareil)', notApplicable: true },
];
const YES_NO = [
  { id: 'oui', label: 'Oui' },
  { id: 'non', label: 'Non' },
];
const EQUIPMENT = 'Accès internet et matériel informatique';
const SOLIDARITY = 'Acquisition de matériel informatique à prix solidaire';
const ADMIN = 'Aide aux démarches administratives';
const DAILY = 'Maîtrise des outils numériques du quotidien';
const JOBS = 'Insertion professionnelle via le numérique';
const SAFETY = 'Utilisation sécurisée du numérique';
const PARENTS = 'Parentalité et éducation avec le numérique';

const self = (id: string, areaId: string, label: string, hint?: string) => ({ id, areaId, kind: 'self', weight: 1, label, ...(hint ? { hint } : {}), options: SCALE });
const observed = (id: string, areaId: string, label: string, material: string[], success: string) =>
  ({ id, areaId, kind: 'observed', weight: 2, label, material, success, options: OBSERVED });

export const DIAGNOSTIC_MODEL_V2 = {
  version: 'v2',
  title: 'Diagnostic d’autonomie numérique',
  accessLabel: 'Équipement et accès',
  scoring: 'per_area',
  areas: [
    { id: 'appareil', label: 'Utiliser un appareil', pictogram: 'appareil', digcomp: 'DigComp 5.2 (identifier ses besoins et les outils) et bases de 5.1', coopThemes: ['PrendreEnMainDuMateriel'] },
    { id: 'information', label: 'Trouver une information', pictogram: 'information', digcomp: 'DigComp 1.1 (naviguer, chercher, filtrer) et 1.2 (évaluer l’information)', coopThemes: ['NavigationSurInternet'] },
    { id: 'communication', label: 'Communiquer', pictogram: 'communication', digcomp: 'DigComp 2.1 (interagir) et 2.2 (partager)', coopThemes: ['Email', 'ReseauxSociaux'] },
    { id: 'demarches', label: 'Faire une démarche en ligne', pictogram: 'demarches', digcomp: 'DigComp 2.3 (participer à la société par les services publics en ligne)', coopThemes: ['AideAuxDemarchesAdministratives'] },
    { id: 'securite', label: 'Se protéger', pictogram: 'securite', digcomp: 'DigComp 4.1 (protéger ses appareils) et 4.2 (protéger ses données)', coopThemes: ['SecuriteNumerique'] },
  ],
  questions: [
    { id: 'acces_smartphone', areaId: null, block: 'access', label: 'Avez-vous un smartphone ?', hint: 'Un smartphone : un téléphone avec un grand écran que l’on touche.', options: YES_NO },
    { id: 'acces_ordinateur', areaId: null, block: 'access', label: 'Avez-vous un ordinateur chez vous ?', options: YES_NO },
    { id: 'acces_tablette', areaId: null, block: 'access', label: 'Avez-vous une tablette ?', hint: 'Une tablette : un grand écran que l’on touche, sans clavier.', options: YES_NO },
    {
      id: 'acces_internet',
      areaId: null,
      block: 'access',
      label: 'Avez-vous internet chez vous ?',
      hint: 'Par exemple une box, ou un forfait de téléphone avec internet.',
      options: [
        { id: 'oui', label: 'Oui' },
        { id: 'non', label: 'Non', services: [EQUIPMENT, SOLIDARITY] },
        { id: 'ne_sait_pas', label: 'Je ne sais pas', services: [EQUIPMENT] },
      ],
    },
    {
      id: 'acces_email',
      areaId: null,
      block: 'access',
      label: 'Avez-vous une adresse e-mail ?',
      hint: 'Une adresse e-mail : votre adresse pour recevoir des messages sur internet. Par exemple marie.dupont@exemple.fr.',
      options: [
        { id: 'oui_utilise', label: 'Oui, et je la regarde' },
        { id: 'oui_pas_utilise', label: 'Oui, mais je ne sais pas la regarder', services: [DAILY] },
        { id: 'non', label: 'Non', services: [DAILY] },
      ],
    },
    {
      id: 'acces_mots_de_passe',
      areaId: null,
      block: 'access',
      label: 'Savez-vous où sont vos mots de passe ?',
      hint: 'Un mot de passe : un code secret pour ouvrir votre compte.',
      options: [
        { id: 'oui', label: 'Oui' },
        { id: 'parfois', label: 'Pas toujours', services: [SAFETY] },
        { id: 'non', label: 'Non', services: [SAFETY] },
      ],
    },
    self('appareil_deverrouiller', 'appareil', 'Savez-vous ouvrir l’écran de votre téléphone ?', 'Avec votre code, votre doigt ou votre visage.'),
    self('appareil_application', 'appareil', 'Savez-vous ouvrir une application ?', 'Une application : un petit dessin sur l’écran. Par exemple WhatsApp ou Météo.'),
    self('appareil_ecrire', 'appareil', 'Savez-vous écrire un message avec le clavier ?'),
    observed('tache_photo', 'appareil', 'Tâche : prendre en photo un papier, puis retrouver la photo.', ['Donnez un papier à la personne, par exemple un prospectus.'], 'La personne prend la photo et la montre dans la galerie.'),
    self('info_chercher', 'information', 'Savez-vous chercher une adresse sur internet ?'),
    self('info_site_officiel', 'information', 'Savez-vous reconnaître le vrai site de la CAF ?', 'Le vrai site est le site officiel. Son adresse finit souvent par « .fr » ou « gouv.fr ».'),
    observed(
      'tache_information',
      'information',
      'Tâche : trouver l’heure d’ouverture de la mairie le samedi.',
      ['Montrez la page d’accueil du site de votre mairie.'],
      'La personne trouve et dit l’horaire du samedi.',
    ),
    self('comm_lire_email', 'communication', 'Savez-vous lire vos e-mails ?', 'Un e-mail : un message qui arrive sur internet.'),
    self('comm_envoyer_photo', 'communication', 'Savez-vous envoyer une photo par message ?'),
    self('comm_appel_video', 'communication', 'Savez-vous faire un appel vidéo ?', 'Un appel vidéo : on se voit et on se parle avec le téléphone.'),
    observed('tache_piece_jointe', 'communication', 'Tâche : envoyer la photo du papier par e-mail ou par message.', ['Donnez une adresse d’essai de votre structure.'], 'La photo arrive avec le message.'),
    self('dem_compte', 'demarches', 'Savez-vous créer un compte sur un site ?', 'Un compte : votre espace sur un site. On y entre avec un identifiant et un mot de passe.'),
    self('dem_connexion', 'demarches', 'Savez-vous entrer dans votre compte ?', 'Par exemple votre compte CAF ou ameli.'),
    self('dem_envoyer_papier', 'demarches', 'Savez-vous envoyer un papier demandé par un site ?', 'Par exemple la photo de votre avis d’impôt. On appelle ce papier un justificatif.'),
    observed(
      'tache_formulaire',
      'demarches',
      'Tâche : remplir un petit formulaire et le valider.',
      ['Montrez un formulaire d’essai : nom, code postal, bouton « Valider ».'],
      'La personne remplit les deux cases et appuie sur « Valider ».',
    ),
    self('secu_faux_message', 'securite', 'Savez-vous reconnaître un faux message ?', 'Un faux message vous demande de l’argent ou votre code. Par exemple un faux colis.'),
    self('secu_mot_de_passe', 'securite', 'Savez-vous garder vos mots de passe secrets ?'),
    observed(
      'tache_arnaque',
      'securite',
      'Tâche : trouver le faux message parmi trois.',
      [
        '« Votre colis est bloqué. Payez 1,99 € ici pour le recevoir. »',
        '« Rappel : votre rendez-vous chez le médecin est demain à 10 h. »',
        '« La médiathèque est fermée lundi. Bonne semaine ! »',
      ],
      'La personne montre le premier message et dit pourquoi il est faux.',
    ),
    {
      id: 'orientation_urgence',
      areaId: null,
      block: 'orientation',
      label: 'Avez-vous une démarche à faire vite ?',
      hint: 'Vite : dans les 15 prochains jours.',
      options: [
        { id: 'oui', label: 'Oui' },
        { id: 'non', label: 'Non' },
      ],
    },
    {
      id: 'orientation_apprendre',
      areaId: null,
      block: 'orientation',
      label: 'Voulez-vous apprendre à le faire vous-même ?',
      options: [
        { id: 'apprendre', label: 'Oui, je veux apprendre' },
        { id: 'les_deux', label: 'D’abord qu’on m’aide, puis apprendre' },
        { id: 'faire_pour_moi', label: 'Non, je veux qu’on le fasse pour moi' },
      ],
    },
  ],
  profiles: [
    { id: 'sans_autonomie', label: 'Sans autonomie', minPercent: 0, advice: 'Commencer par un accompagnement individuel, pas à pas, sur l’appareil de la personne si elle en a un.', supportMode: 'Accompagnement individuel' },
    { id: 'debutant', label: 'Débutant', minPercent: 25, advice: 'Des séances individuelles puis un atelier en petit groupe pour prendre confiance.', supportMode: 'Accompagnement individuel' },
    { id: 'intermediaire', label: 'Intermédiaire', minPercent: 50, advice: 'Des ateliers collectifs sur les domaines où la personne a encore besoin d’aide.', supportMode: 'Dans un atelier collectif' },
    { id: 'autonome', label: 'Autonome', minPercent: 80, advice: 'La personne se débrouille : un atelier ciblé sur un besoin précis suffit.', supportMode: 'Dans un atelier collectif' },
  ],
  needGroups: [
    { id: 'demarches', label: 'Démarches en ligne' },
    { id: 'quotidien', label: 'Vie quotidienne' },
  ],
  needs: [
    { id: 'caf', group: 'demarches', label: 'CAF : allocations, prime d’activité', services: [ADMIN], themes: ['AideAuxDemarchesAdministratives', 'SocialSante'], areas: ['demarches'], canBeDoneForThem: true },
    { id: 'france_travail', group: 'demarches', label: 'France Travail : inscription, actualisation', services: [ADMIN, JOBS], themes: ['AideAuxDemarchesAdministratives', 'TravailFormation', 'InsertionProfessionnelle'], areas: ['demarches'], canBeDoneForThem: true },
    { id: 'assurance_maladie', group: 'demarches', label: 'Assurance maladie : compte ameli, Mon espace santé', services: [ADMIN], themes: ['AideAuxDemarchesAdministratives', 'SocialSante', 'Sante'], areas: ['demarches'], canBeDoneForThem: true },
    { id: 'impots', group: 'demarches', label: 'Impôts : déclaration, espace particulier', services: [ADMIN], themes: ['AideAuxDemarchesAdministratives', 'ArgentImpots'], areas: ['demarches'], canBeDoneForThem: true },
    { id: 'papiers', group: 'demarches', label: 'Papiers d’identité, permis, carte grise (ANTS)', services: [ADMIN], themes: ['AideAuxDemarchesAdministratives', 'PapiersElectionsCitoyennete'], areas: ['demarches'], canBeDoneForThem: true },
    { id: 'retraite', group: 'demarches', label: 'Retraite', services: [ADMIN], themes: ['AideAuxDemarchesAdministratives', 'TravailFormation'], areas: ['demarches'], canBeDoneForThem: true },
    { id: 'logement', group: 'demarches', label: 'Logement : demande, aide au logement', services: [ADMIN], themes: ['AideAuxDemarchesAdministratives', 'Logement'], areas: ['demarches'], canBeDoneForThem: true },
    { id: 'banque', group: 'demarches', label: 'Banque en ligne', services: [DAILY, SAFETY], themes: ['BanqueEtAchatsEnLigne', 'ArgentImpots'], areas: ['demarches', 'securite'] },
    { id: 'proches', group: 'quotidien', label: 'Garder le contact avec ses proches (messages, appels vidéo)', services: [DAILY], themes: ['ReseauxSociaux'], areas: ['communication'] },
    { id: 'email', group: 'quotidien', label: 'Utiliser une messagerie e-mail', services: [DAILY], themes: ['Email'], areas: ['communication'] },
    { id: 'smartphone', group: 'quotidien', label: 'Prendre en main son smartphone', services: [DAILY], themes: ['PrendreEnMainDuMateriel'], areas: ['appareil'] },
    { id: 'emploi', group: 'quotidien', label: 'Chercher un emploi, faire un CV', services: [JOBS], themes: ['InsertionProfessionnelle', 'Bureautique'], areas: ['information', 'appareil'] },
    { id: 'ecole', group: 'quotidien', label: 'Suivre la scolarité des enfants (espace numérique de travail)', services: [PARENTS], themes: ['ScolariteEtNumerique', 'Parentalite'], areas: ['information', 'communication'] },
    { id: 'securite', group: 'quotidien', label: 'Se protéger des arnaques et protéger ses données', services: [SAFETY], themes: ['SecuriteNumerique'], areas: ['securite'] },
    { id: 'equipement', group: 'quotidien', label: 'S’équiper : ordinateur, téléphone, connexion', services: [EQUIPMENT, SOLIDARITY], themes: ['PrendreEnMainDuMateriel', 'MaintenanceDeMateriel'], areas: ['appareil'] },
  ],
};

export async function up(db: Kysely<any>): Promise<void> {
  await db.updateTable('diagnostic_models').set({ is_current: 0 }).execute();
  await db
    .insertInto('diagnostic_models')
    .values({ version: 'v2', model: JSON.stringify(DIAGNOSTIC_MODEL_V2), is_current: 1, created_at: '2026-12-07T20:00:00.000Z' })
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('diagnostic_models').where('version', '=', 'v2').execute();
  await db.updateTable('diagnostic_models').set({ is_current: 1 }).where('version', '=', 'v1').execute();
}
