// Fictitious residents of the demo (issue #3): who they are, where they live, which mairie
// received them, how the diagnostic went and what they need. Any likeness is accidental.

export type Desk = 'lens' | 'lievin';
export type Level = 'jamais' | 'avec_aide' | 'seul_parfois_aide' | 'seul';

export interface DemoPerson {
  firstName: string;
  birthName: string;
  usageName?: string;
  birthDate: string;
  communeInsee: string;
  desk: Desk;
  level: Level;
  needs: string[];
  markers: string[];
  phone?: string;
  /** The campaigns this person received a booklet from. */
  booklets: ('c2021' | 'c2022' | 'current')[];
}

const LENS = '62498';
const LIEVIN = '62510';
const ELEU = '62291';
const ANGRES = '62032';
const AVION = '62065';

export const DEMO_PEOPLE: DemoPerson[] = [
  { firstName: 'Josiane', birthName: 'Delattre', usageName: 'Carpentier', birthDate: '1948-03-14', communeInsee: LENS, desk: 'lens', level: 'jamais', needs: ['proches', 'smartphone'], markers: ['senior'], phone: '06 11 22 33 01', booklets: ['c2021', 'c2022'] },
  { firstName: 'Gérard', birthName: 'Wattel', birthDate: '1951-11-02', communeInsee: LENS, desk: 'lens', level: 'avec_aide', needs: ['impots', 'retraite'], markers: ['senior'], booklets: ['c2021'] },
  { firstName: 'Samira', birthName: 'Haddad', birthDate: '1979-06-23', communeInsee: LENS, desk: 'lens', level: 'avec_aide', needs: ['caf', 'ecole'], markers: ['qpv', 'parent_isole'], phone: '06 11 22 33 03', booklets: ['c2021', 'c2022'] },
  { firstName: 'Kévin', birthName: 'Lefebvre', birthDate: '1998-01-30', communeInsee: ELEU, desk: 'lens', level: 'seul_parfois_aide', needs: ['france_travail', 'emploi'], markers: ['demandeur_emploi', 'jeune_sans_emploi'], booklets: ['c2021'] },
  { firstName: 'Marie-Thérèse', birthName: 'Dubois', birthDate: '1944-09-09', communeInsee: LENS, desk: 'lens', level: 'jamais', needs: ['assurance_maladie', 'proches'], markers: ['senior'], booklets: ['c2022'] },
  { firstName: 'Bernard', birthName: 'Kowalski', birthDate: '1956-05-17', communeInsee: LIEVIN, desk: 'lievin', level: 'avec_aide', needs: ['retraite', 'securite'], markers: ['senior'], phone: '06 11 22 33 06', booklets: ['c2021', 'c2022'] },
  { firstName: 'Nadia', birthName: 'Benali', birthDate: '1985-12-04', communeInsee: LIEVIN, desk: 'lievin', level: 'avec_aide', needs: ['caf', 'logement'], markers: ['rsa', 'qpv'], booklets: ['c2021'] },
  { firstName: 'Dylan', birthName: 'Lemaire', birthDate: '2001-07-21', communeInsee: LIEVIN, desk: 'lievin', level: 'seul_parfois_aide', needs: ['emploi', 'france_travail'], markers: ['demandeur_emploi'], booklets: ['c2022'] },
  { firstName: 'Françoise', birthName: 'Nowak', birthDate: '1950-02-28', communeInsee: ANGRES, desk: 'lievin', level: 'jamais', needs: ['proches', 'email'], markers: ['senior'], booklets: ['c2021', 'c2022'] },
  { firstName: 'Christophe', birthName: 'Leroy', birthDate: '1969-10-10', communeInsee: LIEVIN, desk: 'lievin', level: 'avec_aide', needs: ['impots', 'banque'], markers: ['sans_diplome'], booklets: ['c2022'] },
  { firstName: 'Yasmine', birthName: 'Cherif', birthDate: '1992-04-05', communeInsee: LENS, desk: 'lens', level: 'avec_aide', needs: ['caf', 'papiers'], markers: ['parent_isole', 'qpv'], phone: '06 11 22 33 11', booklets: ['current'] },
  { firstName: 'Jean-Claude', birthName: 'Descamps', birthDate: '1947-08-19', communeInsee: LENS, desk: 'lens', level: 'jamais', needs: ['smartphone', 'proches'], markers: ['senior'], booklets: ['current'] },
  { firstName: 'Océane', birthName: 'Vasseur', birthDate: '2003-03-03', communeInsee: ELEU, desk: 'lens', level: 'seul_parfois_aide', needs: ['emploi'], markers: ['jeune_sans_emploi'], booklets: ['current'] },
  { firstName: 'Ahmed', birthName: 'Mansouri', birthDate: '1975-11-11', communeInsee: LENS, desk: 'lens', level: 'seul', needs: ['france_travail'], markers: ['demandeur_emploi'], booklets: ['current'] },
  { firstName: 'Sylvie', birthName: 'Caron', usageName: 'Lambert', birthDate: '1960-06-06', communeInsee: LIEVIN, desk: 'lievin', level: 'avec_aide', needs: ['assurance_maladie', 'impots'], markers: ['senior'], phone: '06 11 22 33 15', booklets: ['current'] },
  { firstName: 'Mehdi', birthName: 'Saïdi', birthDate: '1988-09-15', communeInsee: LIEVIN, desk: 'lievin', level: 'avec_aide', needs: ['caf', 'logement', 'ecole'], markers: ['rsa'], booklets: ['current'] },
  { firstName: 'Ginette', birthName: 'Podevin', birthDate: '1941-01-20', communeInsee: AVION, desk: 'lievin', level: 'jamais', needs: ['proches', 'securite'], markers: ['senior'], booklets: ['current'] },
  { firstName: 'Lucas', birthName: 'Fontaine', birthDate: '1996-12-12', communeInsee: LIEVIN, desk: 'lievin', level: 'seul_parfois_aide', needs: ['emploi', 'email'], markers: ['demandeur_emploi'], booklets: ['current'] },
  { firstName: 'Monique', birthName: 'Lefort', birthDate: '1953-07-07', communeInsee: LENS, desk: 'lens', level: 'avec_aide', needs: ['banque', 'securite'], markers: ['senior'], booklets: [] },
  { firstName: 'Rachid', birthName: 'Amrani', birthDate: '1972-02-02', communeInsee: LIEVIN, desk: 'lievin', level: 'avec_aide', needs: ['papiers'], markers: ['sans_diplome'], booklets: [] },
];
