import { useState, type FormEvent } from 'react';
import { agentApi, type IssuedBooklet } from '../../../api/agent.ts';
import { RadioGroup, TextField, useForm } from '../../../components/forms.tsx';
import { Notice } from '../../../components/Notice.tsx';
import { euros, frenchDate } from '../../../presenters/format.ts';
import type { StepProps } from './state.ts';

/** Step 8: print the booklet on demand, or activate a pre-printed one by scanning its number. */
export function HandOutStep({ intake, update, go }: StepProps) {
  const [mode, setMode] = useState(intake.booklet ? 'impression' : '');
  const [serial, setSerial] = useState('');
  const form = useForm((f) => (f === 'serial' ? 'numero-carnet' : null));
  const booklet = intake.booklet;
  const campaign = intake.campaign;
  const override = intake.override ? { override: { reason: intake.override } } : {};

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const res = await form.run<{ booklet: IssuedBooklet }>(
      () => {
        const errors: Record<string, string> = {};
        if (!mode) errors.remise = 'Choisissez comment remettre le carnet.';
        else if (mode === 'stock' && !serial.trim()) errors['numero-carnet'] = 'Scannez ou saisissez le numéro imprimé sur le carnet.';
        if (!campaign) errors.remise = 'Aucune campagne n’est ouverte : aucun carnet ne peut être remis.';
        return errors;
      },
      () =>
        mode === 'stock'
          ? agentApi.activate({ beneficiaryId: intake.person!.id, serial: serial.trim(), ...override })
          : agentApi.issue({ beneficiaryId: intake.person!.id, campaignId: campaign!.id, ...override }),
    );
    if (res) update({ booklet: res.booklet });
  };

  if (booklet) {
    return (
      <>
        <Notice kind="succes" title={`Carnet ${booklet.serial} remis`} live>
          <p>
            {booklet.tickets.length} tickets{booklet.faceValueCents ? ` de ${euros(booklet.faceValueCents)}` : ''}, valables jusqu’au {frenchDate(booklet.validUntil)} inclus.
          </p>
        </Notice>
        {mode === 'impression' ? (
          <>
            <p>Imprimez le carnet et remettez-le à la personne. Le PDF contient les lieux conseillés{intake.booking ? ', la séance réservée' : ''} et les tickets avec leurs codes.</p>
            <div className="boutons">
              <a className="bouton" href={agentApi.pdfUrl(booklet.id)} download={`carnet-${booklet.serial}.pdf`}>
                Télécharger le carnet (PDF)
              </a>
              <a className="bouton bouton--secondaire" href={agentApi.pdfUrl(booklet.id)} target="_blank" rel="noopener">
                Ouvrir le carnet pour l’imprimer (nouvel onglet)
              </a>
            </div>
          </>
        ) : (
          <p>Remettez à la personne le carnet pré-imprimé n° {booklet.serial} : ses tickets sont maintenant utilisables.</p>
        )}
        <div className="boutons">
          <button type="button" onClick={() => go('recapitulatif')}>
            Voir le récapitulatif
          </button>
        </div>
      </>
    );
  }

  return (
    <>
      {campaign ? (
        <p>
          Campagne {campaign.name} : {campaign.ticketsPerBooklet} tickets de {euros(campaign.faceValueCents)}, valables jusqu’au {frenchDate(campaign.validityEnd)} inclus.
        </p>
      ) : null}
      {form.summary}
      <form onSubmit={submit} noValidate>
        <RadioGroup
          id="remise"
          legend="Comment remettre le carnet ?"
          value={mode}
          onChange={setMode}
          error={form.errors.remise}
          choices={[
            { value: 'impression', label: 'Imprimer le carnet maintenant', hint: 'Un PDF au nom de la personne, avec ses lieux conseillés.' },
            { value: 'stock', label: 'Donner un carnet pré-imprimé du stock de la mairie', hint: 'Scannez ou saisissez le numéro du carnet.' },
          ]}
        />
        {mode === 'stock' ? (
          <TextField
            id="numero-carnet"
            label="Numéro du carnet"
            hint="Imprimé sur la couverture, par exemple 2026-62498-000012. Une douchette de lecture saisit le numéro d’elle-même."
            autoComplete="off"
            spellCheck={false}
            value={serial}
            onChange={setSerial}
            error={form.errors['numero-carnet']}
            width="moyen"
          />
        ) : null}
        <div className="boutons">
          <button type="submit" disabled={form.submitting}>
            {mode === 'stock' ? 'Activer ce carnet' : 'Émettre le carnet'}
          </button>
          <button type="button" className="bouton--secondaire" onClick={() => go('orientation')}>
            Revenir à l’orientation
          </button>
        </div>
      </form>
    </>
  );
}
