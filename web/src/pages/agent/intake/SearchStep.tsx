import { useState, type FormEvent } from 'react';
import { agentApi, type BeneficiarySummary } from '../../../api/agent.ts';
import { useFocusOn } from '../../../app/Page.tsx';
import { TextField, useForm } from '../../../components/forms.tsx';
import { Notice } from '../../../components/Notice.tsx';
import { parseFrenchDate, shortFrenchDate } from '../../../presenters/format.ts';
import { Link, navigate } from '../../../app/router.tsx';
import { personPath, resumeIntakePath } from '../../../presenters/person.ts';
import type { StepProps } from './state.ts';

/** Step 1: look the person up first, so a second registration or booklet is seen at once. */
export function SearchStep({ go }: StepProps) {
  const [q, setQ] = useState('');
  const [birth, setBirth] = useState('');
  const [found, setFound] = useState<BeneficiarySummary[] | null>(null);
  const [searches, setSearches] = useState(0);
  // After each search the focus goes to the results heading, which screen readers then read.
  const results = useFocusOn<HTMLHeadingElement>(searches, searches > 0);
  const form = useForm((f) => (f === 'q' ? 'recherche-nom' : f === 'birthDate' ? 'recherche-naissance' : null));

  const search = async (e: FormEvent) => {
    e.preventDefault();
    const birthDate = birth.trim() ? parseFrenchDate(birth) : undefined;
    await form.run(
      () => {
        const errors: Record<string, string> = {};
        if (q.trim().length < 2) errors['recherche-nom'] = 'Saisissez au moins deux lettres du nom ou du prénom.';
        if (birth.trim() && !birthDate) errors['recherche-naissance'] = 'La date de naissance doit être au format JJ/MM/AAAA, par exemple 14/07/1958.';
        return errors;
      },
      async () => {
        setFound(await agentApi.search(q.trim(), birthDate ?? undefined));
        setSearches((n) => n + 1);
      },
    );
  };

  // The same path as « Reprendre l’accueil »: the baseline's version and today's answers are loaded.
  const resume = (b: BeneficiarySummary) => navigate(resumeIntakePath(b.id));

  return (
    <>
      <p>Avant d’enregistrer quelqu’un, vérifiez que votre organisation ne l’a pas déjà reçu.</p>
      {form.summary}
      <form onSubmit={search} noValidate role="search" aria-label="Rechercher une personne déjà reçue">
        <TextField id="recherche-nom" label="Nom ou prénom" hint="Les accents, majuscules et traits d’union ne comptent pas." value={q} onChange={setQ} error={form.errors['recherche-nom']} autoComplete="off" width="moyen" />
        <TextField id="recherche-naissance" label="Date de naissance" optional hint="Par exemple 14/07/1958." value={birth} onChange={setBirth} error={form.errors['recherche-naissance']} inputMode="numeric" autoComplete="off" width="court" />
        <div className="boutons">
          <button type="submit" disabled={form.submitting}>
            Rechercher
          </button>
        </div>
      </form>
      {found ? (
        <section aria-labelledby="resultats-recherche">
          <h3 id="resultats-recherche" ref={results} tabIndex={-1}>
            {found.length === 0 ? 'Personne trouvée : aucune' : `${found.length} personne${found.length > 1 ? 's' : ''} trouvée${found.length > 1 ? 's' : ''}`}
          </h3>
          {found.length ? (
            <ul className="cartes">
              {found.map((b) => (
                <li className="carte" key={b.id}>
                  <p>
                    <strong>
                      {b.firstName} {b.usageName ?? b.birthName}
                    </strong>
                    {b.usageName ? ` (nom de naissance : ${b.birthName})` : ''}, date de naissance : {shortFrenchDate(b.birthDate)} — {b.communeName ?? b.communeInsee}
                  </p>
                  {b.booklets.length ? (
                    <Notice kind="attention" title="A déjà un carnet">
                      <ul>
                        {b.booklets.map((k) => (
                          <li key={k.id}>
                            {k.campaignName} : carnet {k.serial}, {k.statusLabel}
                            {k.status === 'issued' ? `, ${k.unusedTickets} ticket${k.unusedTickets > 1 ? 's' : ''} non utilisé${k.unusedTickets > 1 ? 's' : ''} sur ${k.totalTickets}` : ''}
                          </li>
                        ))}
                      </ul>
                    </Notice>
                  ) : (
                    <p>Pas encore de carnet.</p>
                  )}
                  <div className="boutons">
                    <button type="button" className="bouton--secondaire" onClick={() => resume(b)}>
                      Continuer avec {b.firstName} {b.usageName ?? b.birthName}
                    </button>
                    <Link className="bouton bouton--secondaire" to={personPath(b.id)}>
                      Ouvrir la fiche de {b.firstName} {b.usageName ?? b.birthName}
                    </Link>
                  </div>
                </li>
              ))}
            </ul>
          ) : (
            <p>Aucune personne de ce nom n’a été reçue par votre organisation.</p>
          )}
        </section>
      ) : null}
      <div className="boutons">
        <button type="button" onClick={() => go('identite')}>
          Enregistrer une nouvelle personne
        </button>
      </div>
    </>
  );
}
