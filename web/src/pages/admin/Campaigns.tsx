import { adminApi } from '../../api/admin.ts';
import { Page } from '../../app/Page.tsx';
import { Link } from '../../app/router.tsx';
import { Loading, Notice } from '../../components/Notice.tsx';
import { euros, frenchDate } from '../../presenters/format.ts';
import { CAMPAIGN_STATUS } from '../../presenters/admin.ts';
import { Badge, Table } from '../finance/parts.tsx';
import { useLoad } from '../finance/use-load.ts';
import { PaymentModeSection } from './campaign/PaymentSection.tsx';

/** Admin: the territory's campaigns. */
export default function Campaigns() {
  const campaigns = useLoad(() => adminApi.campaigns(), []);
  return (
    <Page title="Campagnes" lead="Chaque campagne (millésime) fixe le carnet, les dates, le budget, les services payables et les quotas par commune." wide>
      <p>
        <Link to="/admin/campagnes/nouvelle" className="bouton">
          Créer une campagne
        </Link>
      </p>
      {campaigns.error ? (
        <Notice kind="erreur">
          <p>{campaigns.error}</p>
        </Notice>
      ) : null}
      {campaigns.data ? (
        <Table id="titre-campagnes" caption={`${campaigns.data.length} campagne${campaigns.data.length > 1 ? 's' : ''}`}>
          <thead>
            <tr>
              <th scope="col">Campagne</th>
              <th scope="col">État</th>
              <th scope="col">Distribution</th>
              <th scope="col">Validité</th>
              <th scope="col">Carnet</th>
              <th scope="col" className="montant">
                Budget
              </th>
              <th scope="col">Détail</th>
            </tr>
          </thead>
          <tbody>
            {campaigns.data.map((c) => (
              <tr key={c.id}>
                <th scope="row">{c.name}</th>
                <td>
                  <Badge tone={CAMPAIGN_STATUS[c.status].tone}>{CAMPAIGN_STATUS[c.status].text}</Badge>
                </td>
                <td>
                  du {frenchDate(c.issuanceStart)} au {frenchDate(c.issuanceEnd)}
                </td>
                <td>jusqu’au {frenchDate(c.validityEnd)}</td>
                <td>
                  {c.ticketsPerBooklet} × {euros(c.faceValueCents)}
                </td>
                <td className="montant">{euros(c.budgetCents)}</td>
                <td>
                  <Link to={`/admin/campagnes/${c.id}`}>
                    {c.status === 'draft' ? 'Modifier, quotas' : 'Voir, quotas'}
                    <span className="visuellement-cache"> — {c.name}</span>
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : (
        <Loading />
      )}
      <PaymentModeSection />
    </Page>
  );
}
