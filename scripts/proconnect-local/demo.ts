// `npm run demo:proconnect`: passnum with its demo data AND a local ProConnect (an OpenID provider
// on this machine with demo identities), already configured for each other, so that the whole
// ProConnect sign-in can be tried on a fresh clone. Never for production. See docs/proconnect.md.
import { randomBytes } from 'node:crypto';
import { DEMO_IDENTITIES } from './identities.ts';
import { startLocalProConnect } from './provider.ts';

if (process.env.NODE_ENV === 'production') {
  console.error('Refus : le ProConnect local sert à la démonstration, pas à la production.');
  process.exit(1);
}
const host = '127.0.0.1';
const passnumPort = Number(process.env.PORT ?? 3000);
const providerPort = Number(process.env.PASSNUM_PROCONNECT_DEMO_PORT ?? 4100);
const passnum = `http://${host}:${passnumPort}`;
const client = {
  clientId: 'passnum-demo',
  clientSecret: randomBytes(24).toString('base64url'),
  redirectUri: `${passnum}/auth/proconnect/retour`,
  postLogoutRedirectUri: `${passnum}/auth/proconnect/deconnexion`,
};
const provider = await startLocalProConnect({ identities: DEMO_IDENTITIES, clients: [client], host, port: providerPort });

Object.assign(process.env, {
  HOST: host,
  PORT: String(passnumPort),
  PASSNUM_PROCONNECT_ISSUER: provider.issuer,
  PASSNUM_PROCONNECT_CLIENT_ID: client.clientId,
  PASSNUM_PROCONNECT_CLIENT_SECRET: client.clientSecret,
  PASSNUM_PROCONNECT_REDIRECT_URI: client.redirectUri,
});
console.log(`ProConnect local (démonstration) : ${provider.issuer}`);
const { startServer } = await import('../../src/cli/start.ts');
await startServer({ demo: true });
console.log(`\nConnexion avec ProConnect : ouvrez ${passnum}/connexion (cette adresse exactement, pas « localhost ») et cliquez sur « S’identifier avec ProConnect ».`);
console.log('Identités proposées par le ProConnect local :');
for (const p of DEMO_IDENTITIES) console.log(`  - ${p.email.padEnd(32)} ${p.description}`);
process.on('SIGINT', () => void provider.close());
