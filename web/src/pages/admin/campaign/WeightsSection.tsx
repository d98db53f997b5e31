import { useState, type ChangeEvent, type FormEvent } from 'react';
import { adminApi, type Campaign, type CampaignQuotas, type WeightsReport } from '../../../api/admin.ts';
import { TextField, useForm } from '../../../components/forms.tsx';
import { Notice } from '../../../components/Notice.tsx';
import { Table } from '../../finance/parts.tsx';

const reportKey = (campaignId: string) => `passnum:import-critere:${campaignId}`;

/** The last import's report stays in this browser tab, so the admin can leave and come back. */
function savedReport(campaignId: string): { file: string; report: WeightsReport } | null {
  try {
    const raw = sessionStorage.getItem(reportKey(campaignId));
    return raw ? (JSON.parse(raw) as { file: string; report: WeightsReport }) : null;
  } catch {
    return null;
  }
}

function ImportReport({ file, report }: { file: string; report: WeightsReport }) {
  return (
    <>
      <Notice kind={report.refused ? 'attention' : 'succes'} title={`Fichier « ${file} » : ${report.accepted} ligne${report.accepted > 1 ? 's' : ''} prise${report.accepted > 1 ? 's' : ''} en compte, ${report.refused} refusée${report.refused > 1 ? 's' : ''}`}>
        <p>{report.accepted ? 'Les quotas ont été recalculés avec ces chiffres.' : 'Rien n’a changé : corrigez le fichier et importez-le de nouveau.'} {report.refused ? 'Corrigez les lignes refusées puis importez de nouveau le fichier (les lignes justes peuvent y rester).' : ''}</p>
      </Notice>
      <Table id="titre-compte-rendu" caption={`Compte rendu ligne par ligne du fichier « ${file} »`}>
        <thead>
          <tr>
            <th scope="col">Ligne</th>
            <th scope="col">Commune</th>
            <th scope="col" className="montant">
              Chiffre
            </th>
            <th scope="col">Résultat</th>
          </tr>
        </thead>
        <tbody>
          {report.lines.map((l) => (
            <tr key={l.line}>
              <td>{l.line}</td>
              <td>{l.communeName ? `${l.communeName} (${l.inseeCode})` : l.inseeCode || '—'}</td>
              <td className="montant">{l.weight ?? '—'}</td>
              <td>{l.status === 'ok' ? 'Pris en compte' : `Refusée : ${l.reason}`}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}

/**
 * The weighted part of the quotas: the total to share, the figure of each commune (typed in the
 * table or imported from a spreadsheet by INSEE code), and the quotas recomputed from them.
 */
export function WeightsSection({ campaign, quotas, onChanged }: { campaign: Campaign; quotas: CampaignQuotas; onChanged: () => void }) {
  const draft = campaign.status === 'draft';
  const [total, setTotal] = useState(String(quotas.quotaWeightedTotal));
  const [figures, setFigures] = useState<Record<string, string>>(Object.fromEntries(quotas.communes.map((c) => [c.inseeCode, String(c.weight)])));
  const [saved, setSaved] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [last, setLast] = useState(() => savedReport(campaign.id));
  const [importing, setImporting] = useState(false);
  const [importError, setImportError] = useState<string | null>(null);
  const form = useForm((f) => (f === 'quotaWeightedTotal' || f === 'weights' ? 'part-ponderee' : null));

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const ok = await form.run(
      () => {
        const errors: Record<string, string> = {};
        if (!/^\d+$/.test(total.trim())) errors['part-ponderee'] = 'Saisissez un nombre entier de carnets (0 pour aucune part pondérée).';
        for (const c of quotas.communes) if (!/^\d+$/.test((figures[c.inseeCode] ?? '').trim())) errors[`critere-${c.inseeCode}`] = `Le chiffre de ${c.communeName} doit être un nombre entier (0 si aucun).`;
        return errors;
      },
      () => adminApi.updateCampaign(campaign.id, { quotaWeightedTotal: Number(total), weights: Object.fromEntries(quotas.communes.map((c) => [c.inseeCode, Number(figures[c.inseeCode])])) }),
    );
    if (ok) {
      setSaved(true);
      onChanged();
    }
  };

  const upload = async (e: FormEvent) => {
    e.preventDefault();
    setImportError(null);
    if (!file) {
      setImportError('Choisissez d’abord le fichier CSV.');
      return;
    }
    setImporting(true);
    try {
      const report = await adminApi.importWeights(campaign.id, await file.text());
      const entry = { file: file.name, report };
      sessionStorage.setItem(reportKey(campaign.id), JSON.stringify(entry));
      setLast(entry);
      const byCode = Object.fromEntries(report.lines.filter((l) => l.status === 'ok').map((l) => [l.inseeCode, String(l.weight)]));
      setFigures((f) => ({ ...f, ...byCode }));
      onChanged();
    } catch (err) {
      setImportError(err instanceof Error ? err.message : 'L’import n’a pas abouti.');
    } finally {
      setImporting(false);
    }
  };

  if (!draft) {
    return (
      <section aria-labelledby="titre-critere">
        <h2 id="titre-critere">Part pondérée</h2>
        <p>
          {quotas.quotaWeightedTotal} carnets ont été répartis selon le chiffre de chaque commune (colonne « Pondération » ci-dessous). La campagne n’est plus en préparation : ces chiffres ne changent plus ; ajustez au besoin le quota d’une commune à la main.
        </p>
      </section>
    );
  }
  return (
    <section aria-labelledby="titre-critere">
      <h2 id="titre-critere">Part pondérée : le chiffre de chaque commune</h2>
      <p>
        Chaque commune reçoit {quotas.quotaFixed} carnets, plus une part des carnets pondérés proportionnelle à son chiffre (par exemple sa population en quartier prioritaire). Importez les chiffres depuis un tableur, ou saisissez-les dans le tableau, puis enregistrez : les quotas sont recalculés.
      </p>
      <form onSubmit={upload} noValidate aria-labelledby="titre-import">
        <h3 id="titre-import">Importer un fichier CSV</h3>
        <p className="champ__aide" id="fichier-critere-aide">
          Une ligne par commune : le code INSEE (par exemple 62498 pour Lens, pas le code postal), puis le chiffre. Séparateur point-virgule ou virgule ; une ligne d’en-tête est permise.
        </p>
        <div className="champ">
          <label className="champ__libelle" htmlFor="fichier-critere">
            Fichier CSV des chiffres par commune
          </label>
          <input id="fichier-critere" type="file" accept=".csv,text/csv" aria-describedby="fichier-critere-aide" onChange={(e: ChangeEvent<HTMLInputElement>) => setFile(e.target.files?.[0] ?? null)} />
        </div>
        <div className="boutons">
          <button type="submit" disabled={importing}>
            Importer le fichier
          </button>
        </div>
        <div role="status">{importing ? <p>Import en cours : lecture et vérification de chaque ligne…</p> : null}</div>
        {importError ? (
          <Notice kind="erreur" live>
            <p>{importError}</p>
          </Notice>
        ) : null}
      </form>
      {last ? <ImportReport file={last.file} report={last.report} /> : null}
      <form onSubmit={save} noValidate aria-labelledby="titre-saisie">
        <h3 id="titre-saisie">Saisir ou corriger les chiffres</h3>
        {form.summary}
        <TextField id="part-ponderee" label="Carnets répartis selon le chiffre (part pondérée)" inputMode="numeric" value={total} onChange={setTotal} error={form.errors['part-ponderee']} width="court" />
        <Table id="titre-chiffres" caption="Chiffre de chaque commune">
          <thead>
            <tr>
              <th scope="col">Commune</th>
              <th scope="col">Chiffre</th>
            </tr>
          </thead>
          <tbody>
            {quotas.communes.map((c) => (
              <tr key={c.inseeCode}>
                <th scope="row">{c.communeName}</th>
                <td>
                  <TextField id={`critere-${c.inseeCode}`} label={<span className="visuellement-cache">Chiffre de {c.communeName}</span>} inputMode="numeric" value={figures[c.inseeCode] ?? '0'} onChange={(v) => setFigures((f) => ({ ...f, [c.inseeCode]: v }))} error={form.errors[`critere-${c.inseeCode}`]} width="court" />
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
        <div role="status">{saved ? <Notice kind="succes"><p>Chiffres enregistrés ; les quotas ci-dessous sont recalculés.</p></Notice> : null}</div>
        <div className="boutons">
          <button type="submit" disabled={form.submitting}>
            Enregistrer les chiffres et recalculer les quotas
          </button>
        </div>
      </form>
    </section>
  );
}
