import type { Kysely } from 'kysely';

// The diagnostic model v1 (issue #3, item 2) is data: inserted here so that every database, demo
// or not, has a current model. A new version is a new migration inserting another row and moving
// `is_current`; old diagnostics keep pointing at the version they were made with.
// Questions written for passnum in plain French (structure after docs/ecosystem.md §3: an access block,
// five areas scored 0–3, four profiles, needs mapped to the national schema's services).

const SCALE = [
  { id: 'jamais', label: 'Je ne l’ai jamais fait ou je ne sais pas', score: 0 },
  { id: 'avec_aide', label: 'Seulement avec quelqu’un qui m’aide', score: 1 },
  { id: 'seul_parfois_aide', label: 'Seul ou seule, mais j’ai parfois besoin d’aide', score: 2 },
  { id: 'seul', label: 'Seul ou seule, sans difficulté', score: 3 },
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

const scored = (id: string, areaId: string, label: string) => ({ id, areaId, label, options: SCALE });

export const DIAGNOSTIC_MODEL_V1 = {
  version: 'v1',
  title: 'Diagnostic d’autonomie numérique',
  accessLabel: 'Équipement et accès',
  areas: [
    { id: 'appareil', label: 'Utiliser un appareil' },
    { id: 'information', label: 'Trouver une information' },
    { id: 'communication', label: 'Communiquer' },
    { id: 'demarches', label: 'Faire une démarche en ligne' },
    { id: 'securite', label: 'Se protéger' },
  ],
  questions: [
    { id: 'acces_smartphone', areaId: null, label: 'Avez-vous un smartphone (un téléphone avec un écran tactile) ?', options: YES_NO },
    { id: 'acces_ordinateur', areaId: null, label: 'Avez-vous un ordinateur chez vous ?', options: YES_NO },
    { id: 'acces_tablette', areaId: null, label: 'Avez-vous une tablette ?', options: YES_NO },
    {
      id: 'acces_internet',
      areaId: null,
      label: 'Avez-vous internet chez vous (une box, ou un forfait avec internet) ?',
      options: [
        { id: 'oui', label: 'Oui' },
        { id: 'non', label: 'Non', services: [EQUIPMENT, SOLIDARITY] },
        { id: 'ne_sait_pas', label: 'Je ne sais pas', services: [EQUIPMENT] },
      ],
    },
    {
      id: 'acces_email',
      areaId: null,
      label: 'Avez-vous une adresse e-mail ?',
      options: [
        { id: 'oui_utilise', label: 'Oui, et je sais la consulter' },
        { id: 'oui_pas_utilise', label: 'Oui, mais je ne sais pas la consulter', services: [DAILY] },
        { id: 'non', label: 'Non', services: [DAILY] },
      ],
    },
    {
      id: 'acces_mots_de_passe',
      areaId: null,
      label: 'Savez-vous où retrouver vos mots de passe ?',
      options: [
        { id: 'oui', label: 'Oui' },
        { id: 'parfois', label: 'Pas toujours', services: [SAFETY] },
        { id: 'non', label: 'Non', services: [SAFETY] },
      ],
    },
    scored('appareil_allumer', 'appareil', 'Allumer un téléphone ou un ordinateur, le déverrouiller et ouvrir une application : comment le faites-vous ?'),
    scored('appareil_ecrire', 'appareil', 'Écrire un texte avec le clavier, avec des majuscules et des accents : comment le faites-vous ?'),
    scored('appareil_photo', 'appareil', 'Prendre en photo un papier et retrouver la photo ensuite : comment le faites-vous ?'),
    scored('info_chercher', 'information', 'Chercher sur internet une adresse, des horaires ou une information : comment le faites-vous ?'),
    scored('info_site_officiel', 'information', 'Trouver le bon site officiel (CAF, impôts, Assurance maladie) et pas une copie : comment le faites-vous ?'),
    scored('comm_email', 'communication', 'Lire un e-mail et en envoyer un avec un document joint : comment le faites-vous ?'),
    scored('comm_proches', 'communication', 'Envoyer un message ou faire un appel vidéo à un proche : comment le faites-vous ?'),
    scored('dem_compte', 'demarches', 'Créer un compte sur un site, puis vous y reconnecter plus tard : comment le faites-vous ?'),
    scored('dem_formulaire', 'demarches', 'Remplir un formulaire en ligne et envoyer un justificatif : comment le faites-vous ?'),
    scored('secu_arnaque', 'securite', 'Reconnaître un faux message (faux colis, fausse banque, faux remboursement) : comment le faites-vous ?'),
    scored('secu_mot_de_passe', 'securite', 'Choisir un mot de passe solide et le garder pour vous : comment le faites-vous ?'),
  ],
  profiles: [
    { id: 'sans_autonomie', label: 'Sans autonomie', minPercent: 0, advice: 'Commencer par un accompagnement individuel, pas à pas, sur l’appareil de la personne si elle en a un.', supportMode: 'Accompagnement individuel' },
    { id: 'debutant', label: 'Débutant', minPercent: 25, advice: 'Des séances individuelles puis un atelier en petit groupe pour prendre confiance.', supportMode: 'Accompagnement individuel' },
    { id: 'intermediaire', label: 'Intermédiaire', minPercent: 50, advice: 'Des ateliers collectifs sur les démarches et les usages qui lui manquent.', supportMode: 'Dans un atelier collectif' },
    { id: 'autonome', label: 'Autonome', minPercent: 80, advice: 'La personne se débrouille : un atelier ciblé sur un besoin précis suffit.', supportMode: 'Dans un atelier collectif' },
  ],
  needGroups: [
    { id: 'demarches', label: 'Démarches en ligne' },
    { id: 'quotidien', label: 'Vie quotidienne' },
  ],
  needs: [
    { id: 'caf', group: 'demarches', label: 'CAF : allocations, prime d’activité', services: [ADMIN] },
    { id: 'france_travail', group: 'demarches', label: 'France Travail : inscription, actualisation', services: [ADMIN, JOBS] },
    { id: 'assurance_maladie', group: 'demarches', label: 'Assurance maladie : compte ameli, Mon espace santé', services: [ADMIN] },
    { id: 'impots', group: 'demarches', label: 'Impôts : déclaration, espace particulier', services: [ADMIN] },
    { id: 'papiers', group: 'demarches', label: 'Papiers d’identité, permis, carte grise (ANTS)', services: [ADMIN] },
    { id: 'retraite', group: 'demarches', label: 'Retraite', services: [ADMIN] },
    { id: 'logement', group: 'demarches', label: 'Logement : demande, aide au logement', services: [ADMIN] },
    { id: 'banque', group: 'demarches', label: 'Banque en ligne', services: [DAILY, SAFETY] },
    { id: 'proches', group: 'quotidien', label: 'Garder le contact avec ses proches (messages, appels vidéo)', services: [DAILY] },
    { id: 'email', group: 'quotidien', label: 'Utiliser une messagerie e-mail', services: [DAILY] },
    { id: 'smartphone', group: 'quotidien', label: 'Prendre en main son smartphone', services: [DAILY] },
    { id: 'emploi', group: 'quotidien', label: 'Chercher un emploi, faire un CV', services: [JOBS] },
    { id: 'ecole', group: 'quotidien', label: 'Suivre la scolarité des enfants (espace numérique de travail)', services: [PARENTS] },
    { id: 'securite', group: 'quotidien', label: 'Se protéger des arnaques et protéger ses données', services: [SAFETY] },
    { id: 'equipement', group: 'quotidien', label: 'S’équiper : ordinateur, téléphone, connexion', services: [EQUIPMENT, SOLIDARITY] },
  ],
};

export async function up(db: Kysely<any>): Promise<void> {
  await db
    .insertInto('diagnostic_models')
    .values({ version: 'v1', model: JSON.stringify(DIAGNOSTIC_MODEL_V1), is_current: 1, created_at: '2026-11-27T00:00:00.000Z' })
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('diagnostic_models').where('version', '=', 'v1').execute();
}
