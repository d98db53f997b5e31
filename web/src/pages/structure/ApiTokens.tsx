import { useState, type FormEvent } from 'react';
import { structureApi, type ApiToken, type CreatedApiToken } from '../../api/structure.ts';
import { SelectField, TextField, useForm } from '../../components/forms.tsx';
import { Notice } from '../../components/Notice.tsx';
import { frenchDateTime } from '../../presenters/format.ts';
import { Badge, Table } from '../finance/parts.tsx';

// How long a new token lives (issue 19, finding 9): one year unless chosen otherwise.
const VALIDITY = [
  { value: '30', label: '1 mois' },
  { value: '90', label: '3 mois' },
  { value: '182', label: '6 mois' },
  { value: '365', label: '1 an (recommandé)' },
  { value: '730', label: '2 ans' },
];

/** API tokens for a structure's own tools: created (shown once), revoked, with expiry and last use. */
export function ApiTokens({ tokens, onChanged, structureId }: { tokens: ApiToken[]; onChanged: () => void; structureId?: string | null }) {
  const [name, setName] = useState('');
  const [validity, setValidity] = useState('365');
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const form = useForm((f) => (f === 'name' ? 'nom-jeton' : f === 'validityDays' ? 'validite-jeton' : null));

  const create = async (e: FormEvent) => {
    e.preventDefault();
    const done = await form.run(
      (): Record<string, string> => (name.trim() ? {} : { 'nom-jeton': 'Donnez un nom au jeton (par exemple, le logiciel qui l’utilisera).' }),
      () => structureApi.createToken({ name: name.trim(), structureId: structureId ?? undefined, validityDays: Number(validity) }),
    );
    if (done) {
      setCreated(done);
      setName('');
      onChanged();
    }
  };
  const revoke = async (t: ApiToken) => {
    setError(null);
    try {
      await structureApi.revokeToken(t.id);
      setConfirming(null);
      onChanged();
    } catch (e) {
      setError(e instanceof Error ? e.message : 'La révocation n’a pas abouti.');
    }
  };

  return (
    <>
      <div role="status">
        {created ? (
          <Notice kind="succes" title={`Jeton « ${created.name} » créé`}>
            <p>Copiez-le maintenant dans votre logiciel : il ne sera plus jamais affiché. Il s’utilise dans l’en-tête « Authorization: Bearer … ».</p>
            <p>Il expire le {frenchDateTime(created.expiresAt)} : créez-en un nouveau avant cette date.</p>
            <p className="jeton">{created.token}</p>
          </Notice>
        ) : null}
      </div>
      {error ? (
        <Notice kind="erreur" live>
          <p>{error}</p>
        </Notice>
      ) : null}
      {tokens.length ? (
        <Table id="titre-jetons" caption="Jetons d’accès à l’API">
          <thead>
            <tr>
              <th scope="col">Nom</th>
              <th scope="col">Créé</th>
              <th scope="col">Expire</th>
              <th scope="col">Dernière utilisation</th>
              <th scope="col">État</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr key={t.id}>
                <th scope="row">{t.name}</th>
                <td>
                  {frenchDateTime(t.createdAt)}
                  <span className="champ__aide">par {t.createdByName ?? 'un compte supprimé'}</span>
                </td>
                <td>{frenchDateTime(t.expiresAt)}</td>
                <td>{t.lastUsedAt ? frenchDateTime(t.lastUsedAt) : 'jamais'}</td>
                <td>
                  {t.revokedAt ? (
                    <Badge tone="erreur">Révoqué le {frenchDateTime(t.revokedAt)}</Badge>
                  ) : t.expired ? (
                    <Badge tone="erreur">Expiré</Badge>
                  ) : confirming === t.id ? (
                    <div className="en-ligne">
                      <button type="button" className="bouton--danger" onClick={() => void revoke(t)}>
                        Confirmer la révocation<span className="visuellement-cache"> du jeton {t.name}</span>
                      </button>
                      <button type="button" className="bouton--secondaire" onClick={() => setConfirming(null)}>
                        Garder
                      </button>
                    </div>
                  ) : (
                    <>
                      <Badge tone="succes">Actif</Badge>{' '}
                      <button type="button" className="lien-bouton" onClick={() => setConfirming(t.id)}>
                        Révoquer<span className="visuellement-cache"> le jeton {t.name}</span>
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : (
        <p>Aucun jeton pour le moment.</p>
      )}
      <form onSubmit={create} noValidate>
        <h3>Créer un jeton</h3>
        {form.summary}
        <TextField id="nom-jeton" label="Nom du jeton" hint="Par exemple : logiciel d’accueil de la médiathèque." value={name} onChange={setName} error={form.errors['nom-jeton']} width="moyen" />
        <SelectField
          id="validite-jeton"
          label="Durée de validité"
          hint="Passé ce délai, le jeton est refusé. Il est aussi révoqué si le compte de la personne qui l’a créé est désactivé."
          value={validity}
          onChange={setValidity}
          options={VALIDITY}
          error={form.errors['validite-jeton']}
        />
        <div className="boutons">
          <button type="submit" disabled={form.submitting}>
            Créer le jeton
          </button>
        </div>
      </form>
    </>
  );
}
