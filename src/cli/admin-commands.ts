import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import type { Role } from '../domain/actor.ts';
import { createUser } from '../usecases/administration/create-user.ts';
import { seedDemo } from '../demo/seed-demo.ts';
import { importTerritory } from '../usecases/administration/import-territory.ts';
import { verifyAudit } from '../usecases/administration/verify-audit.ts';
import { findTerritory } from '../usecases/administration/find-territory.ts';
import { withDeps } from './main.ts';

export function registerAdminCommands(program: Command): void {
  program
    .command('seed')
    .description('Installe les données de démonstration (CALL, 36 communes, campagnes, structures, comptes)')
    .option('--demo', 'données de démonstration de la CALL')
    .action(async (opts: { demo?: boolean }) => {
      if (!opts.demo) throw new Error('Précisez --demo.');
      if (loadConfig().env === 'production') throw new Error('La démo ne peut pas être installée en production.');
      const result = await withDeps((deps) => seedDemo(deps));
      console.log(result.seeded ? 'Démo installée.' : 'La démo était déjà installée.');
    });

  program
    .command('territory:import')
    .argument('<code>', 'SIREN de l’EPCI (9 chiffres) ou code du département')
    .description('Importe un territoire et ses communes depuis @etalab/decoupage-administratif')
    .action(async (code: string) => {
      const r = await withDeps((deps) => importTerritory(deps, { code }));
      console.log(`${r.created ? 'Territoire importé' : 'Territoire déjà présent'} : ${r.name} (${r.communes} communes), id ${r.id}`);
    });

  program
    .command('user:create')
    .description('Crée un compte')
    .requiredOption('--territory <code>', 'SIREN de l’EPCI ou code du département')
    .requiredOption('--email <email>', 'adresse e-mail')
    .requiredOption('--name <name>', 'nom affiché')
    .requiredOption('--role <role>', 'admin | finance | agent | structure_manager | mediator | auditor')
    .option('--organisation <id>', 'organisation (agents)')
    .option('--structure <id>', 'structure (responsables, médiateurs)')
    .option('--password <password>', 'mot de passe (12 caractères au moins) ; sinon variable PASSNUM_NEW_PASSWORD')
    .action(async (o: { territory: string; email: string; name: string; role: Role; organisation?: string; structure?: string; password?: string }) => {
      const r = await withDeps(async (deps) => {
        const territory = await findTerritory(deps, o.territory);
        return createUser(deps, null, {
          territoryId: territory.id,
          email: o.email,
          displayName: o.name,
          role: o.role,
          organisationId: o.organisation,
          structureId: o.structure,
          password: o.password ?? process.env.PASSNUM_NEW_PASSWORD,
        });
      });
      console.log(`Compte créé : ${o.email} (id ${r.id})`);
    });

  program
    .command('audit:verify')
    .description('Vérifie la chaîne d’empreintes du journal d’audit, son sceau et ses points de contrôle ; nomme la première entrée altérée')
    .option('--checkpoint <ligne>', 'un point de contrôle imprimé sur un relevé ou un récapitulatif (« Point de contrôle du journal : n° …, empreinte …, le … »)')
    .action(async (o: { checkpoint?: string }) => {
      const r = await withDeps((deps) => verifyAudit(deps, { checkpointText: o.checkpoint }));
      for (const c of r.checkpoints) {
        const label = `point de contrôle n° ${c.checkpoint.seq} du ${c.checkpoint.at} (${c.source})`;
        if (c.problem) console.error(`  ${label} : ${c.problem}`);
        else if (c.source === 'point de contrôle fourni') console.log(`  ${label} : conforme`);
      }
      if (r.ok) {
        console.log(`Journal d’audit intact : ${r.entries} entrées vérifiées.`);
        console.log(`  scellées par la clé du journal à partir de l’entrée n° ${r.keyedFrom} ; ${r.checkpoints.length} point(s) de contrôle conforme(s).`);
      } else {
        console.error(`Journal d’audit ALTÉRÉ : ${r.problem} (après ${r.entries} entrées valides).`);
        process.exitCode = 2;
      }
    });
}
