import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import type { Actor } from '../domain/actor.ts';
import { DATASETS, type Dataset } from '../domain/export-datasets.ts';
import { exportDataset } from '../usecases/followup/export-dataset.ts';
import { findTerritory } from '../usecases/administration/find-territory.ts';
import { importOpenPlaces } from '../usecases/administration/import-open-places.ts';
import { printLetters } from '../usecases/followup/manage-outbox.ts';
import { openPlaces, openStatistics } from '../usecases/followup/open-data.ts';
import type { Deps } from '../usecases/support/deps.ts';
import { withDeps } from './main.ts';

/** The operator at the command line acts as the programme's admin of one territory (audited as such). */
async function operator(deps: Deps, territoryCode: string): Promise<Actor> {
  const t = await findTerritory(deps, territoryCode);
  return { kind: 'user', id: 'cli', role: 'admin', territoryId: t.id, organisationId: null, structureId: null, label: 'ligne de commande (exploitation)' };
}

export function registerFollowupCommands(program: Command): void {
  program
    .command('export')
    .argument('<dataset>', DATASETS.join(' | '))
    .description('Exporte des données pour un tableur (CSV français ou XLSX), au fil de l’eau, quelle que soit la taille')
    .requiredOption('--territory <code>', 'SIREN de l’EPCI ou code du département')
    .option('--format <format>', 'csv | xlsx', 'csv')
    .option('--campaign <id>', 'une campagne')
    .option('--from <date>', 'premier jour (AAAA-MM-JJ)')
    .option('--to <date>', 'dernier jour (AAAA-MM-JJ)')
    .option('--out <file>', 'fichier à écrire (par défaut, le nom proposé, dans le dossier courant)')
    .action(async (dataset: string, o: { territory: string; format: string; campaign?: string; from?: string; to?: string; out?: string }) => {
      if (!(DATASETS as readonly string[]).includes(dataset)) throw new Error(`Export inconnu : ${dataset}. Exports : ${DATASETS.join(', ')}.`);
      if (o.format !== 'csv' && o.format !== 'xlsx') throw new Error('Format : csv ou xlsx.');
      const file = await withDeps(async (deps) => {
        const f = await exportDataset(deps, await operator(deps, o.territory), { dataset: dataset as Dataset, format: o.format as 'csv' | 'xlsx', campaignId: o.campaign, from: o.from, to: o.to });
        const out = o.out ?? f.filename;
        await pipeline(f.stream, createWriteStream(out));
        return out;
      });
      console.log(`Export écrit : ${file}`);
    });

  program
    .command('open-data:places')
    .argument('<territory>', 'SIREN de l’EPCI ou code du département')
    .description('Écrit les lieux habilités au schéma national des lieux de médiation numérique (CSV ou JSON)')
    .option('--format <format>', 'csv | json', 'csv')
    .option('--out <file>', 'fichier à écrire')
    .action(async (territory: string, o: { format: 'csv' | 'json'; out?: string }) => {
      const f = await withDeps((deps) => openPlaces(deps, territory, o.format === 'json' ? 'json' : 'csv'));
      writeFileSync(o.out ?? f.filename, f.body, 'utf8');
      console.log(`Lieux écrits : ${o.out ?? f.filename}`);
    });

  program
    .command('open-data:stats')
    .argument('<territory>', 'SIREN de l’EPCI ou code du département')
    .description('Écrit les statistiques anonymisées par commune et par mois (effectifs de 1 à 4 masqués)')
    .option('--format <format>', 'csv | json', 'csv')
    .option('--campaign <id>', 'une campagne')
    .option('--out <file>', 'fichier à écrire')
    .action(async (territory: string, o: { format: 'csv' | 'json'; campaign?: string; out?: string }) => {
      const written = await withDeps(async (deps) => {
        const s = await openStatistics(deps, territory, { campaignId: o.campaign });
        const out = o.out ?? s.filename(o.format);
        writeFileSync(out, o.format === 'json' ? JSON.stringify({ territory: s.territory, rule: s.rule, generatedOn: s.generatedOn, rows: s.rows }, null, 2) : s.csv(), 'utf8');
        return out;
      });
      console.log(`Statistiques écrites : ${written}`);
    });

  program
    .command('open-data:import')
    .argument('<territory>', 'SIREN de l’EPCI ou code du département')
    .argument('<file>', 'fichier CSV ou JSON au schéma des lieux de médiation numérique')
    .description('Crée ou met à jour structures et lieux depuis un fichier au schéma national, avec un compte rendu ligne par ligne')
    .action(async (territory: string, file: string) => {
      const text = readFileSync(file, 'utf8');
      const report = await withDeps(async (deps) => importOpenPlaces(deps, await operator(deps, territory), { text, contentType: file.endsWith('.json') ? 'application/json' : 'text/csv' }));
      console.log(`Créés : ${report.created} — mis à jour : ${report.updated} — inchangés : ${report.unchanged} — refusés : ${report.refused}`);
      for (const l of report.lines.filter((x) => x.status === 'refused')) console.log(`  ligne ${l.line} (${l.nom || l.id}) refusée : ${l.reasons.join(' ; ')}`);
      if (report.refused) process.exitCode = 2;
    });

  program
    .command('outbox:letters')
    .argument('<territory>', 'SIREN de l’EPCI ou code du département')
    .description('Imprime (PDF) les courriers de rappel en attente ; ils sont alors comptés comme envoyés')
    .option('--commune <insee>', 'seulement les habitants de cette commune')
    .requiredOption('--out <file>', 'fichier PDF à écrire')
    .action(async (territory: string, o: { commune?: string; out: string }) => {
      const { pdf, count } = await withDeps(async (deps) => printLetters(deps, await operator(deps, territory), { communeInsee: o.commune }));
      writeFileSync(o.out, pdf);
      console.log(`${count} courrier(s) écrit(s) dans ${o.out}`);
    });
}
