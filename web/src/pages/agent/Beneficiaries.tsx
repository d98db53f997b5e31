import { useEffect, useState, type FormEvent } from 'react';
import { agentApi, type BeneficiarySummary } from '../../api/agent.ts';
import { Page } from '../../app/Page.tsx';
import { Link } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { TextField } from '../../components/forms.tsx';
import { Loading, Notice } from '../../components/Notice.tsx';
import { frenchDate, shortFrenchDate } from '../../presenters/format.ts';
import { personPath } from '../../presenters/person.ts';
import { useLocation } from '../../app/router.tsx';

function Booklet({ b }: { b: BeneficiarySummary }) {
  const k = b.booklet;
  if (!k) return <>aucun</>;
  return (
    <>
      n° {k.serial}
      <br />
      {k.statusLabel}
      {k.status === 'issued' ? `, valable jusqu’au ${frenchDate(k.validUntil)}${k.expired ? ' (expiré)' : ''}` : ''}
    </>
  );
}

/** "Mes bénéficiaires": the people the agent's organisation received, their booklets and unused tickets. */
export default function Beneficiaries() {
  const { me } = useSession();
  const [items, setItems] = useState<BeneficiarySummary[] | null>(null);
  const [page, setPage] = useState(1);
  const [hasMore, setHasMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const [searched, setSearched] = useState('');
  const erased = useLocation().search.get('efface') === '1';

  useEffect(() => {
    setError(null);
    const request = searched ? agentApi.search(searched).then((found) => ({ items: found, hasMore: false })) : agentApi.list(page);
    request.then(
      (r) => {
        setItems((prev) => (page > 1 && !searched ? [...(prev ?? []), ...r.items] : r.items));
        setHasMore(r.hasMore);
      },
      (e: Error) => setError(e.message),
    );
  }, [page, searched]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setItems(null);
    setPage(1);
    setSearched(q.trim());
  };

  return (
    <Page title="Mes bénéficiaires" lead={`Les personnes reçues par ${me?.organisation?.name ?? 'votre organisation'}, leur carnet et leurs tickets pas encore utilisés. Ouvrez la fiche d’une personne (son nom) pour réimprimer son carnet, le remplacer, réserver une séance ou changer son contact.`} wide>
      {erased ? (
        <Notice kind="succes" title="Données effacées" live>
          <p>Les données de la personne ont été effacées ; elle n’apparaît plus dans la liste.</p>
        </Notice>
      ) : null}
      <form className="filtres" onSubmit={submit} role="search" aria-label="Rechercher un bénéficiaire">
        <TextField id="q" label="Nom ou prénom" value={q} onChange={setQ} autoComplete="off" width="moyen" />
        <div className="boutons">
          <button type="submit">Rechercher</button>
        </div>
      </form>
      <p>
        <Link to="/agent/nouvel-accueil">Recevoir une nouvelle personne</Link>
      </p>
      {error ? (
        <Notice kind="erreur" title="La liste n’a pas pu être chargée" live>
          <p>{error}</p>
        </Notice>
      ) : null}
      {!items && !error ? <Loading /> : null}
      {items ? (
        items.length ? (
          <>
            <div className="tableau" tabIndex={0} role="region" aria-labelledby="titre-beneficiaires">
              <table>
                <caption id="titre-beneficiaires">
                  {searched ? `Résultats pour « ${searched} » : ` : ''}
                  {items.length} personne{items.length > 1 ? 's' : ''}
                  {hasMore ? ' (les plus récentes)' : ''}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Nom</th>
                    <th scope="col">Naissance</th>
                    <th scope="col">Commune</th>
                    <th scope="col">Profil</th>
                    <th scope="col">Carnet</th>
                    <th scope="col">Tickets non utilisés</th>
                    <th scope="col">Action</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((b) => (
                    <tr key={b.id}>
                      <th scope="row">
                        <Link to={personPath(b.id)}>
                          {b.firstName} {b.usageName ?? b.birthName}
                        </Link>
                      </th>
                      <td>{shortFrenchDate(b.birthDate)}</td>
                      <td>{b.communeName ?? b.communeInsee}</td>
                      <td>{b.profileLabel ?? '—'}</td>
                      <td>
                        <Booklet b={b} />
                      </td>
                      <td>{b.booklet ? `${b.unusedTickets} sur ${b.booklet.totalTickets}` : '—'}</td>
                      <td>
                        {b.booklet?.status === 'issued' && !b.booklet.expired ? (
                          '—'
                        ) : (
                          <Link to={`/agent/nouvel-accueil?beneficiaire=${encodeURIComponent(b.id)}`}>
                            Reprendre l’accueil<span className="visuellement-cache"> de {b.firstName} {b.usageName ?? b.birthName}</span>
                          </Link>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {hasMore ? (
              <div className="boutons">
                <button type="button" className="bouton--secondaire" onClick={() => setPage((p) => p + 1)}>
                  Afficher plus de personnes
                </button>
              </div>
            ) : null}
          </>
        ) : (
          <p>{searched ? `Aucune personne ne correspond à « ${searched} ».` : 'Votre organisation n’a encore reçu personne.'}</p>
        )
      ) : null}
    </Page>
  );
}
