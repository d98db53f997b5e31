import type { LocalIdentity } from './provider.ts';

// The people of the local ProConnect, matching the demo accounts of passnum (its demo seed) and
// the cases worth trying: linked on first sign-in, second factor for finance, unknown person,
// an establishment that is not the account's. SIRETs: Lens and Liévin town halls as in the demo
// seed; the CALL's and Avion's are made-up numbers of the right shape (démo).
export const LENS_SIRET = '21620498200016';
export const LIEVIN_SIRET = '21620510400015';
export const CALL_DEMO_SIRET = '24620036400015';
export const AVION_DEMO_SIRET = '21620065900011';

export const DEMO_IDENTITIES: LocalIdentity[] = [
  {
    sub: 'demo-agent-lens', email: 'agent.lens@demo.passnum.fr', givenName: 'Agnès', usualName: 'Agent', siret: LENS_SIRET, uid: 'aagent',
    organizationalUnit: 'Pôle solidarités', hasSecondFactor: false, description: 'Mairie de Lens (compte passnum existant)',
  },
  {
    sub: 'demo-agent-lievin', email: 'agent.lievin@demo.passnum.fr', givenName: 'Alain', usualName: 'Agent', siret: LIEVIN_SIRET, uid: 'alagent',
    hasSecondFactor: false, description: 'Mairie de Liévin (compte passnum existant)',
  },
  {
    sub: 'demo-finance', email: 'finance@demo.passnum.fr', givenName: 'Farid', usualName: 'Finances', siret: CALL_DEMO_SIRET, uid: 'ffinances',
    organizationalUnit: 'Direction des finances', hasSecondFactor: true, description: 'CALL, service financier (double authentification exigée)',
  },
  {
    sub: 'demo-admin', email: 'admin@demo.passnum.fr', givenName: 'Claire', usualName: 'Admin', siret: CALL_DEMO_SIRET, uid: 'cadmin',
    hasSecondFactor: true, description: 'CALL, administration du programme (double authentification exigée)',
  },
  {
    sub: 'demo-camille-avion', email: 'camille.martin@avion.demo.fr', givenName: 'Camille', usualName: 'Martin', siret: AVION_DEMO_SIRET, uid: 'cmartin',
    organizationalUnit: 'CCAS', hasSecondFactor: false, description: 'Mairie d’Avion : aucun compte passnum (refus expliqué)',
  },
  {
    sub: 'demo-agent-lievin-avion', email: 'agent.lievin@demo.passnum.fr', givenName: 'Alain', usualName: 'Agent', siret: AVION_DEMO_SIRET, uid: 'alagent2',
    hasSecondFactor: false, description: 'le même e-mail, mais depuis la mairie d’Avion : SIRET différent (refus)',
  },
];
