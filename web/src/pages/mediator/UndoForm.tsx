import { useState, type FormEvent } from 'react';
import { mediatorApi, type RedemptionView } from '../../api/mediator.ts';
import { TextField, useForm } from '../../components/forms.tsx';

/** Undo a redemption made by mistake: the reason is required and kept in the audit log. */
export function UndoForm({ redemption, idPrefix, onDone, onCancel }: { redemption: RedemptionView; idPrefix: string; onDone: (r: RedemptionView) => void; onCancel?: () => void }) {
  const [reason, setReason] = useState('');
  const form = useForm((f) => (f === 'reason' ? `${idPrefix}-motif` : null));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const done = await form.run(
      () => (reason.trim().length < 3 ? { [`${idPrefix}-motif`]: 'Écrivez pourquoi l’utilisation est annulée (au moins 3 caractères).' } : {}),
      () => mediatorApi.undo(redemption.redemptionId, reason.trim()),
    );
    if (done) onDone(done);
  };
  return (
    <form onSubmit={submit} noValidate className="annulation">
      {form.summary}
      <TextField
        id={`${idPrefix}-motif`}
        label="Motif de l’annulation"
        hint="Par exemple : ticket validé par erreur, mauvaise personne."
        value={reason}
        onChange={setReason}
        error={form.errors[`${idPrefix}-motif`]}
        autoComplete="off"
      />
      <div className="boutons">
        <button type="submit" className="bouton--danger" disabled={form.submitting}>
          Annuler l’utilisation ({redemption.tickets.length} ticket{redemption.tickets.length > 1 ? 's' : ''})
        </button>
        {onCancel ? (
          <button type="button" className="bouton--secondaire" onClick={onCancel}>
            Garder l’utilisation
          </button>
        ) : null}
      </div>
    </form>
  );
}
