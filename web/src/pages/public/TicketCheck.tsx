import { useRef, useState, type FormEvent } from 'react';
import type { z } from 'zod';
import type { PublicTicketCheck } from '../../../../src/contracts/redemptions.ts';
import { ApiError, api } from '../../api/client.ts';
import { Page } from '../../app/Page.tsx';
import { Link } from '../../app/router.tsx';
import { TextField } from '../../components/forms.tsx';
import { Notice } from '../../components/Notice.tsx';
import { codeInputMessage, readCodeInput } from '../../presenters/code-input.ts';

/** Answer of POST /api/public/ticket-check: usable or not, until when, in words. */
type TicketCheckResult = z.infer<typeof PublicTicketCheck>;

function Result({ result }: { result: TicketCheckResult }) {
  if (result.usable) {
    return (
      <Notice kind="succes" title="Ce ticket est utilisable" live>
        <p>{result.message}</p>
        <p>Un ticket paie une séance ou un atelier dans un lieu partenaire.</p>
        <p>
          <Link to="/ou-utiliser-mon-pass">Voir où utiliser mon pass</Link>
        </p>
      </Notice>
    );
  }
  return (
    <Notice kind="attention" title="Ce ticket n’est plus utilisable" live>
      <p>{result.message}</p>
      <p>Pour toute question, adressez-vous à la mairie qui vous a remis le carnet.</p>
    </Notice>
  );
}

export default function TicketCheck() {
  const [input, setInput] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [result, setResult] = useState<TicketCheckResult | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  const state = readCodeInput(input);
  const live = state.kind === 'ok' || state.kind === 'typo' || state.kind === 'bad_characters' || state.kind === 'too_long' ? codeInputMessage(state) : null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setResult(null);
    setRefusal(null);
    if (state.kind !== 'ok') {
      setError(state.kind === 'empty' ? 'Saisissez le code imprimé sous le QR code du ticket.' : (codeInputMessage(state) ?? undefined));
      field.current?.focus();
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      setResult(await api.post<TicketCheckResult>('/api/public/ticket-check', { code: state.code }));
    } catch (err) {
      setRefusal(err instanceof ApiError ? err.message : 'La vérification n’a pas abouti. Réessayez.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title="Vérifier mon pass" lead="Saisissez le code d’un ticket pour savoir s’il est encore utilisable, et jusqu’à quand.">
      <form onSubmit={submit} noValidate>
        <TextField
          id="code"
          ref={field}
          label="Code du ticket"
          hint="18 caractères, imprimés sous le QR code, par exemple « 7K2M 9QXD 4HFA 1ZP3 8W ». Les espaces et les majuscules n’ont pas d’importance."
          className="code-saisie"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          value={input}
          onChange={(v) => {
            setInput(v);
            setError(undefined);
          }}
          error={error}
        />
        <p className="etapes">{state.kind === 'incomplete' ? codeInputMessage(state) : null}</p>
        <p className="etapes" aria-live="polite">
          {live}
        </p>
        <div className="boutons">
          <button type="submit" disabled={busy}>
            Vérifier
          </button>
        </div>
      </form>
      {result ? <Result result={result} /> : null}
      {refusal ? (
        <Notice kind="erreur" title="Vérification impossible" live>
          <p>{refusal}</p>
        </Notice>
      ) : null}
      <h2>Bon à savoir</h2>
      <ul>
        <li>Un ticket paie une séance ou un atelier dans un lieu partenaire.</li>
        <li>Les tickets ne sont plus acceptés après leur date de fin de validité.</li>
        <li>Ne donnez jamais le code de vos tickets par téléphone ou par message : seul le lieu qui vous accompagne en a besoin.</li>
      </ul>
    </Page>
  );
}
