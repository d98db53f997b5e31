import { useState } from 'react';
import { adminApi, type MairiesCreated } from '../../api/admin.ts';
import { Page } from '../../app/Page.tsx';
import { Link } from '../../app/router.tsx';
import { Loading, Notice } from '../../components/Notice.tsx';
import { Table } from '../finance/parts.tsx';
import { useLoad } from '../finance/use-load.ts';
import { OrganisationForm } from './OrganisationFields.tsx';

/** Admin: the prescribing organisations (mairies, CCAS, France Services…) and their agents. */
export default function Organisations() {
  const orgs = useLoad(() => adminApi.organisations(), []);
  const communes = useLoad(() => adminApi.communes(), []);
  const [mairies, setMairies] = useState<MairiesCreated | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);

  const createMairies = async () => {
    setBusy(true);
    setError(null);
    try {
      setMairies(await adminApi.createMairies());
      await orgs.reload();
    } catch (e) {
      setError(e instanceof Error ? e.message : 'La création n’a pas abouti.');
    } finally {
      setBusy(false);
    }
  };
  const withoutMairie = communes.data && orgs.data ? communes.data.filter((c) => !orgs.data!.some((o) => o.kind === 'mairie' && o.communeInsee === c.inseeCode)).length : null;

  return (
    <Page
      title="Organisations prescriptrices"
      lead="Les mairies, CCAS, France Services et associations qui reçoivent les habitants et leur remettent les carnets. Ajoutez une organisation, puis ouvrez-la pour créer les comptes de ses agents."
      wide
    >
      {orgs.error ? (
        <Notice kind="erreur">
          <p>{orgs.error}</p>
        </Notice>
      ) : null}
      <section aria-labelledby="titre-mairies">
        <h2 id="titre-mairies">Une mairie par commune</h2>
        {withoutMairie === null ? (
          <Loading />
        ) : withoutMairie > 0 ? (
          <>
            <p>
              {withoutMairie} commune{withoutMairie > 1 ? 's' : ''} du territoire {withoutMairie > 1 ? 'n’ont' : 'n’a'} pas encore de mairie dans le programme.
            </p>
            <div className="boutons">
              <button type="button" onClick={() => void createMairies()} disabled={busy}>
                Créer la mairie de {withoutMairie > 1 ? `ces ${withoutMairie} communes` : 'cette commune'}
              </button>
            </div>
          </>
        ) : (
          <p>Chaque commune du territoire a sa mairie dans le programme.</p>
        )}
        <div role="status">
          {busy ? <p>Création des mairies en cours…</p> : null}
          {mairies ? (
            <Notice kind="succes" title={`${mairies.created.length} mairie${mairies.created.length > 1 ? 's' : ''} créée${mairies.created.length > 1 ? 's' : ''}`}>
              <p>{mairies.created.length ? mairies.created.join(', ') + '.' : 'Aucune : chaque commune avait déjà la sienne.'} Ouvrez une mairie pour créer le compte de ses agents.</p>
            </Notice>
          ) : null}
          {added ? <Notice kind="succes"><p>{added}</p></Notice> : null}
        </div>
        {error ? (
          <Notice kind="erreur" live>
            <p>{error}</p>
          </Notice>
        ) : null}
      </section>
      {orgs.data ? (
        <Table id="titre-organisations" caption={`${orgs.data.length} organisations`}>
          <thead>
            <tr>
              <th scope="col">Nom</th>
              <th scope="col">Type</th>
              <th scope="col">Commune</th>
              <th scope="col">Agents actifs</th>
            </tr>
          </thead>
          <tbody>
            {orgs.data.map((o) => (
              <tr key={o.id}>
                <th scope="row">
                  <Link to={`/admin/organisations/${encodeURIComponent(o.id)}`}>{o.name}</Link>
                </th>
                <td>{o.kindLabel}</td>
                <td>{o.communeName ?? o.communeInsee}</td>
                <td>{o.agents}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : (
        <Loading />
      )}
      <section aria-labelledby="titre-nouvelle-organisation">
        <h2 id="titre-nouvelle-organisation">Ajouter une organisation</h2>
        {communes.data ? (
          <OrganisationForm
            communes={communes.data}
            submitLabel="Ajouter l’organisation"
            onSaved={(o) => {
              setAdded(`${o.name} ajoutée. Ouvrez-la dans la liste pour créer le compte de ses agents.`);
              void orgs.reload();
            }}
          />
        ) : (
          <Loading />
        )}
      </section>
    </Page>
  );
}
