import { useEffect, useRef, useState, type FormEvent } from 'react';
import { adminApi, type OptOutList } from '../../../api/admin.ts';
import { TextField } from '../../../components/forms.tsx';
import { Loading, Notice } from '../../../components/Notice.tsx';
import { frenchDate } from '../../../presenters/format.ts';
import { Table } from '../../finance/parts.tsx';

/**
 * The people of the territory who said they want no more reminders, searchable by name. The
 * refusal covers every channel (SMS, e-mail, letter): the record holds its date, not a channel.
 */
export function OptOutsSection() {
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState<{ q: string; searched: boolean }>({ q: '', searched: false });
  const [list, setList] = useState<OptOutList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const result = useRef<HTMLParagraphElement>(null);
  // After a search (not on the first load), the focus goes to the count of what was found.
  const focusResult = useRef(false);

  useEffect(() => {
    if (list && focusResult.current) {
      focusResult.current = false;
      result.current?.focus();
    }
  }, [list]);

  useEffect(() => {
    let live = true;
    setList(null);
    setError(null);
    adminApi.optOuts(query.q || undefined).then(
      (l) => {
        if (!live) return;
        focusResult.current = query.searched;
        setList(l);
      },
      (e: unknown) => live && setError(e instanceof Error ? e.message : 'Le chargement n’a pas abouti.'),
    );
    return () => {
      live = false;
    };
  }, [query]);

  const search = (e: FormEvent) => {
    e.preventDefault();
    setQuery({ q: typed.trim(), searched: true });
  };
  const more = async () => {
    if (!list) return;
    setLoadingMore(true);
    try {
      const next = await adminApi.optOuts(query.q || undefined, list.people.length);
      setList({ total: next.total, people: [...list.people, ...next.people] });
    } catch (e) {
      setError(e instanceof Error ? e.message : 'Le chargement n’a pas abouti.');
    } finally {
      setLoadingMore(false);
    }
  };

  const count = list
    ? list.total === 0
      ? query.q
        ? `Personne ne correspond à « ${query.q} ».`
        : 'Personne n’a refusé les rappels pour l’instant.'
      : `${list.total} personne${list.total > 1 ? 's' : ''}${query.q ? ` pour « ${query.q} »` : ''}${list.total > list.people.length ? ` (les ${list.people.length} refus les plus récents affichés)` : ''}.`
    : '';

  return (
    <section aria-labelledby="titre-refus">
      <h2 id="titre-refus">Personnes qui ne veulent plus de rappels</h2>
      <p>
        Quand une personne dit qu’elle ne veut plus de rappels (à l’accueil, au téléphone, par courrier), son agent ou vous l’enregistrez sur sa fiche :
        plus aucun rappel ne lui est préparé, ni par SMS, ni par courriel, ni par courrier, et ceux qui attendaient sont annulés. Le refus vaut pour tous
        les moyens à la fois.
      </p>
      <form onSubmit={search} noValidate role="search" aria-label="Rechercher parmi les refus">
        <TextField id="recherche-refus" label="Nom ou prénom" hint="Les accents et les majuscules ne comptent pas." value={typed} onChange={setTyped} width="moyen" />
        <div className="boutons">
          <button type="submit">Rechercher</button>
          {query.q ? (
            <button
              type="button"
              className="bouton--secondaire"
              onClick={() => {
                setTyped('');
                setQuery({ q: '', searched: true });
              }}
            >
              Afficher toutes les personnes
            </button>
          ) : null}
        </div>
      </form>
      {error ? (
        <Notice kind="erreur" live>
          <p>{error}</p>
        </Notice>
      ) : !list ? (
        <Loading />
      ) : (
        <>
          <p ref={result} tabIndex={-1} role="status">
            {count}
          </p>
          {list.people.length ? (
            <Table id="titre-liste-refus" caption="Personnes qui ne veulent plus de rappels, refus les plus récents d’abord">
              <thead>
                <tr>
                  <th scope="col">Personne</th>
                  <th scope="col">Commune</th>
                  <th scope="col">Reçue par</th>
                  <th scope="col">Refus enregistré le</th>
                </tr>
              </thead>
              <tbody>
                {list.people.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">{p.name}</th>
                    <td>{p.commune}</td>
                    <td>{p.organisation}</td>
                    <td>{frenchDate(p.optedOutAt)}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          ) : null}
          {list.total > list.people.length ? (
            <div className="boutons">
              <button type="button" className="bouton--secondaire" onClick={() => void more()} disabled={loadingMore}>
                Afficher les personnes suivantes
              </button>
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}
