import { useState } from 'react';
import { financeApi } from '../../api/finance.ts';
import { Page } from '../../app/Page.tsx';
import { Link } from '../../app/router.tsx';
import { SelectField } from '../../components/forms.tsx';
import { Loading, Notice } from '../../components/Notice.tsx';
import { frenchDateTime } from '../../presenters/format.ts';
import { claimAskedCents, claimBadge, countAndAmount } from '../../presenters/money.ts';
import { Badge, Table } from './parts.tsx';
import { useLoad } from './use-load.ts';

const STATUSES = [
  { value: 'submitted', label: 'À examiner (transmises)' },
  { value: 'reviewed', label: 'Examinées, à mettre en paiement' },
  { value: 'ordered', label: 'Dans un ordre de paiement' },
  { value: 'paid', label: 'Payées' },
  { value: 'draft', label: 'En préparation par les structures' },
  { value: '', label: 'Toutes' },
];

/** Finance: the claims submitted by structures, to review line by line. */
export default function FinanceClaims() {
  const [status, setStatus] = useState('submitted');
  const claims = useLoad(() => financeApi.claims({ status: status || undefined }), [status]);
  return (
    <Page title="Demandes à examiner" lead="Les demandes de remboursement transmises par les structures. Approuvez-les, en rejetant au besoin des lignes avec un motif." wide>
      <div className="filtres">
        <SelectField id="etat" label="Afficher les demandes" value={status} onChange={setStatus} options={STATUSES} />
      </div>
      {claims.error ? (
        <Notice kind="erreur">
          <p>{claims.error}</p>
        </Notice>
      ) : null}
      {claims.data ? (
        claims.data.length ? (
          <Table id="titre-demandes" caption={`${claims.data.length} demande${claims.data.length > 1 ? 's' : ''} — ${STATUSES.find((s) => s.value === status)?.label.toLowerCase()}`}>
            <thead>
              <tr>
                <th scope="col">Structure</th>
                <th scope="col">Mois</th>
                <th scope="col">État</th>
                <th scope="col" className="montant">
                  Demandé
                </th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {claims.data.map((c) => {
                const b = claimBadge(c);
                return (
                  <tr key={c.id}>
                    <th scope="row">{c.structure.name}</th>
                    <td>
                      {c.periodLabel}
                      <span className="champ__aide">{c.campaign.name}</span>
                    </td>
                    <td>
                      <Badge tone={b.tone}>{b.text}</Badge>
                      {c.submittedAt ? <span className="champ__aide">Transmise le {frenchDateTime(c.submittedAt)}</span> : null}
                    </td>
                    <td className="montant">{countAndAmount(c.totals.pending.count + c.totals.approved.count, claimAskedCents(c.totals))}</td>
                    <td>
                      <Link to={`/finance/demandes/${c.id}`}>
                        {c.status === 'submitted' ? 'Examiner' : 'Voir'}
                        <span className="visuellement-cache">
                          {' '}
                          la demande de {c.structure.name} pour {c.periodLabel}
                        </span>
                      </Link>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
        ) : (
          <p>Aucune demande dans cet état.</p>
        )
      ) : (
        <Loading />
      )}
    </Page>
  );
}
