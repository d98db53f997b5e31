import { useState, type FormEvent } from 'react';
import { adminApi, type PrintBatch } from '../../api/admin.ts';
import { Page } from '../../app/Page.tsx';
import { SelectField, TextField, useForm } from '../../components/forms.tsx';
import { Loading, Notice } from '../../components/Notice.tsx';
import { frenchDateTime } from '../../presenters/format.ts';
import { Download, Table } from '../finance/parts.tsx';
import { useLoad } from '../finance/use-load.ts';

const FIELD: Record<string, string> = { campaignId: 'lot-campagne', communeInsee: 'lot-commune', count: 'lot-nombre' };

/** Admin: pre-printed booklets — order a print batch for a commune (PDF for the printer, CSV manifest), stock per commune. */
export default function Stock() {
  const campaigns = useLoad(() => adminApi.campaigns(), []);
  const communes = useLoad(() => adminApi.communes(), []);
  const [campaignId, setCampaignId] = useState('');
  const chosenCampaign = campaignId || campaigns.data?.find((c) => c.status === 'open')?.id || '';
  const stock = useLoad(() => (chosenCampaign ? adminApi.stock(chosenCampaign) : adminApi.stock()), [chosenCampaign]);
  const [communeInsee, setCommuneInsee] = useState('');
  const [count, setCount] = useState('10');
  const [batch, setBatch] = useState<PrintBatch | null>(null);
  const form = useForm((f) => FIELD[f] ?? null);

  const order = async (e: FormEvent) => {
    e.preventDefault();
    const done = await form.run(
      () => {
        const errors: Record<string, string> = {};
        if (!chosenCampaign) errors['lot-campagne'] = 'Choisissez la campagne.';
        if (!communeInsee) errors['lot-commune'] = 'Choisissez la commune qui recevra les carnets.';
        const n = Number(count);
        if (!Number.isInteger(n) || n < 1 || n > 1000) errors['lot-nombre'] = 'Saisissez un nombre de carnets entre 1 et 1000.';
        return errors;
      },
      () => adminApi.createBatch({ campaignId: chosenCampaign, communeInsee, count: Number(count) }),
    );
    if (done) {
      setBatch(done);
      await stock.reload();
    }
  };

  return (
    <Page title="Lots et stock de carnets" lead="Carnets pré-imprimés pour les mairies : commandez un lot, envoyez le PDF à l’imprimeur, suivez le stock. Un carnet en stock ne peut pas être utilisé avant sa remise." wide>
      {campaigns.data && communes.data ? (
        <form onSubmit={order} noValidate>
          <h2>Commander un lot</h2>
          {form.summary}
          <SelectField id="lot-campagne" label="Campagne" value={chosenCampaign} onChange={setCampaignId} options={[{ value: '', label: 'Choisir…' }, ...campaigns.data.map((c) => ({ value: c.id, label: c.name }))]} error={form.errors['lot-campagne']} />
          <SelectField id="lot-commune" label="Commune" value={communeInsee} onChange={setCommuneInsee} options={[{ value: '', label: 'Choisir…' }, ...communes.data.map((c) => ({ value: c.inseeCode, label: c.name }))]} error={form.errors['lot-commune']} />
          <TextField id="lot-nombre" label="Nombre de carnets" type="number" min={1} max={1000} value={count} onChange={setCount} error={form.errors['lot-nombre']} width="court" inputMode="numeric" />
          <div className="boutons">
            <button type="submit" disabled={form.submitting}>
              Commander le lot
            </button>
          </div>
        </form>
      ) : (
        <Loading />
      )}
      <div role="status">
        {batch ? (
          <Notice kind="succes" title={`Lot de ${batch.count} carnets pour ${batch.communeName}`}>
            <p>
              Carnets {batch.firstSerial} à {batch.lastSerial}.
            </p>
            <ul>
              <li>
                <Download href={adminApi.batchPdfUrl(batch.id)}>PDF pour l’imprimeur</Download>
              </li>
              <li>
                <Download href={adminApi.batchManifestUrl(batch.id)}>Manifeste du lot (CSV)</Download>
              </li>
            </ul>
          </Notice>
        ) : null}
      </div>

      <h2>Stock par commune</h2>
      {stock.error ? (
        <Notice kind="erreur">
          <p>{stock.error}</p>
        </Notice>
      ) : null}
      {stock.data ? (
        <>
          {stock.data.communes.length ? (
            <Table id="titre-stock" caption="Carnets pré-imprimés par commune">
              <thead>
                <tr>
                  <th scope="col">Commune</th>
                  <th scope="col" className="montant">
                    En stock
                  </th>
                  <th scope="col" className="montant">
                    Remis
                  </th>
                </tr>
              </thead>
              <tbody>
                {stock.data.communes.map((c) => (
                  <tr key={c.communeInsee}>
                    <th scope="row">{c.communeName ?? c.communeInsee}</th>
                    <td className="montant">{c.inStock}</td>
                    <td className="montant">{c.handedOut}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          ) : (
            <p>Aucun carnet pré-imprimé pour cette campagne.</p>
          )}
          {stock.data.batches.length ? (
            <>
              <h2>Lots commandés</h2>
              <Table id="titre-lots" caption="Lots d’impression">
                <thead>
                  <tr>
                    <th scope="col">Commande</th>
                    <th scope="col">Commune</th>
                    <th scope="col" className="montant">
                      Carnets
                    </th>
                    <th scope="col">Fichiers</th>
                  </tr>
                </thead>
                <tbody>
                  {stock.data.batches.map((b) => (
                    <tr key={b.id}>
                      <th scope="row">{frenchDateTime(b.createdAt)}</th>
                      <td>{b.communeName ?? b.communeInsee}</td>
                      <td className="montant">{b.count}</td>
                      <td>
                        <Download href={adminApi.batchPdfUrl(b.id)}>
                          PDF<span className="visuellement-cache"> du lot de {b.communeName} du {frenchDateTime(b.createdAt)}</span>
                        </Download>
                        {' — '}
                        <Download href={adminApi.batchManifestUrl(b.id)}>
                          manifeste CSV<span className="visuellement-cache"> du lot de {b.communeName} du {frenchDateTime(b.createdAt)}</span>
                        </Download>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            </>
          ) : null}
        </>
      ) : (
        <Loading />
      )}
    </Page>
  );
}
