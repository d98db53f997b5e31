import { useEffect, useRef, useState, type FormEvent, type Ref } from 'react';
import { openDataApi, type PlacesImportReport } from '../../api/open-data.ts';
import { Page } from '../../app/Page.tsx';
import { useSession } from '../../app/session.tsx';
import { FileField } from '../../components/forms.tsx';
import { Notice } from '../../components/Notice.tsx';
import { Download, Table } from '../finance/parts.tsx';

type Line = PlacesImportReport['lines'][number];

const STATUS_LABELS: Record<Line['status'], string> = {
  created: 'Créé',
  updated: 'Mis à jour',
  unchanged: 'Inchangé',
  refused: 'Refusé',
};

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

function summary(r: PlacesImportReport): string {
  return [
    plural(r.created, 'lieu créé', 'lieux créés'),
    plural(r.updated, 'mis à jour', 'mis à jour'),
    plural(r.unchanged, 'inchangé', 'inchangés'),
    plural(r.refused, 'refusé', 'refusés'),
  ].join(', ');
}

/** What happened to one line, in words: the reasons of a refusal, the fields changed, the notes. */
function outcome(l: Line): string {
  if (l.status === 'refused') return l.reasons.join(' ');
  const parts: string[] = [];
  if (l.status === 'updated' && l.changes.length) parts.push(`Champs modifiés : ${l.changes.join(', ')}.`);
  parts.push(...l.notes);
  return parts.join(' ') || '—';
}

function ImportReport({
  file,
  report,
  headingRef,
}: {
  file: string;
  report: PlacesImportReport;
  headingRef: Ref<HTMLHeadingElement>;
}) {
  return (
    <section aria-labelledby="titre-resultat-import">
      <h2 id="titre-resultat-import" ref={headingRef} tabIndex={-1}>
        Compte rendu de l’import
      </h2>
      <Notice
        kind={report.refused ? 'attention' : 'succes'}
        title={`Fichier « ${file} » : ${summary(report)}`}
      >
        <p>
          {report.refused
            ? 'Les lignes refusées n’ont rien changé : corrigez-les dans le fichier, puis importez-le de nouveau (les lignes déjà prises en compte resteront inchangées).'
            : 'Toutes les lignes ont été prises en compte.'}{' '}
          {report.created
            ? 'Les nouvelles structures ne sont pas habilitées : décidez-en dans « Structures ».'
            : ''}
        </p>
      </Notice>
      <Table id="titre-lignes-import" caption={`Compte rendu ligne par ligne du fichier « ${file} »`}>
        <thead>
          <tr>
            <th scope="col">Ligne</th>
            <th scope="col">Lieu</th>
            <th scope="col">SIRET</th>
            <th scope="col">Résultat</th>
            <th scope="col">Détail</th>
          </tr>
        </thead>
        <tbody>
          {report.lines.map((l) => (
            <tr key={l.line}>
              <td>{l.line}</td>
              <td>{l.nom || '—'}</td>
              <td>{l.pivot || '—'}</td>
              <td>{STATUS_LABELS[l.status]}</td>
              <td>{outcome(l)}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </section>
  );
}

/** Admin: import places in the national schema, and the open files the programme publishes. */
export default function OpenData() {
  const { programme } = useSession();
  const code = programme?.territoryCode ?? '';
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const [importing, setImporting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [last, setLast] = useState<{ file: string; report: PlacesImportReport } | null>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const errorBox = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (last) resultHeading.current?.focus();
  }, [last]);
  useEffect(() => {
    if (error) errorBox.current?.focus();
  }, [error]);

  const upload = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!file) {
      setFileError('Choisissez le fichier des lieux (CSV ou JSON).');
      document.getElementById('fichier-lieux')?.focus();
      return;
    }
    setFileError(undefined);
    setImporting(true);
    setLast(null);
    try {
      setLast({ file: file.name, report: await openDataApi.importPlaces(file) });
    } catch (err) {
      setError(err instanceof Error ? err.message : 'L’import n’a pas abouti.');
    } finally {
      setImporting(false);
    }
  };

  return (
    <Page
      title="Données ouvertes"
      lead="Importer les lieux de médiation numérique d’un fichier au schéma national, et télécharger les fichiers que le programme publie."
      wide
    >
      <section aria-labelledby="titre-import-lieux">
        <h2 id="titre-import-lieux">Importer des lieux au schéma national</h2>
        <p>
          Le fichier suit le schéma national des lieux de médiation numérique (une ligne par lieu, colonnes
          id, pivot, nom, commune, code_postal, adresse, etc.), en CSV (séparateur virgule ou point-virgule)
          ou en JSON. Chaque ligne crée ou met à jour une structure, retrouvée par son SIRET (colonne « pivot
          »), et un de ses lieux. Une ligne en erreur est refusée avec sa raison, sans empêcher les autres.
        </p>
        <form onSubmit={upload} noValidate>
          <FileField
            id="fichier-lieux"
            label="Fichier des lieux (CSV ou JSON)"
            hint="5 000 lieux au plus par fichier. Un fichier téléchargé ci-dessous se réimporte tel quel."
            accept=".csv,.json,text/csv,application/json"
            onChange={(f) => {
              setFile(f);
              setFileError(undefined);
            }}
            error={fileError}
          />
          <div className="boutons">
            <button type="submit" disabled={importing}>
              Importer le fichier
            </button>
          </div>
          <div role="status">
            {importing ? (
              <p>Import en cours… Chaque ligne est vérifiée, cela peut prendre un moment.</p>
            ) : null}
          </div>
        </form>
        {error ? (
          <div ref={errorBox} tabIndex={-1}>
            <Notice kind="erreur" title="Le fichier n’a pas été importé" live>
              <p>{error}</p>
            </Notice>
          </div>
        ) : null}
        {last ? <ImportReport file={last.file} report={last.report} headingRef={resultHeading} /> : null}
      </section>

      <section aria-labelledby="titre-exports-ouverts">
        <h2 id="titre-exports-ouverts">Les fichiers publiés</h2>
        <p>
          Ces fichiers sont publics : n’importe qui peut les télécharger sans compte, à ces mêmes adresses,
          par exemple pour les publier sur un portail de données ouvertes. Ils ne contiennent aucune donnée
          personnelle.
        </p>
        <h3>Les lieux de médiation numérique</h3>
        <p>
          Les lieux des structures habilitées du territoire, avec leurs adresses, horaires, services et
          contacts, au schéma national des lieux de médiation numérique : le même format que l’import
          ci-dessus.
        </p>
        <ul>
          <li>
            <Download href={openDataApi.placesUrl(code, 'csv')}>
              Lieux de médiation numérique (CSV, pour un tableur)
            </Download>
          </li>
          <li>
            <Download href={openDataApi.placesUrl(code, 'json')}>
              Lieux de médiation numérique (JSON)
            </Download>
          </li>
        </ul>
        <h3>Les statistiques anonymisées</h3>
        <p>
          Par commune et par mois : carnets remis, personnes formées, séances et tickets utilisés. Pour qu’on
          ne puisse reconnaître personne, les effectifs de 1 à 4 ne sont pas publiés (cellule vide).
        </p>
        <ul>
          <li>
            <Download href={openDataApi.statisticsUrl(code, 'csv')}>
              Statistiques par commune et par mois (CSV, pour un tableur)
            </Download>
          </li>
          <li>
            <Download href={openDataApi.statisticsUrl(code, 'json')}>
              Statistiques par commune et par mois (JSON)
            </Download>
          </li>
        </ul>
      </section>
    </Page>
  );
}
