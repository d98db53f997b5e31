import { useState, type FormEvent } from 'react';
import { adminApi, type BlockResult } from '../../api/admin.ts';
import { Page } from '../../app/Page.tsx';
import { RadioGroup, TextField, useForm } from '../../components/forms.tsx';
import { Notice } from '../../components/Notice.tsx';

/** Admin: block (suspected fraud) or unblock a ticket by its serial, or every ticket of a booklet. */
export default function Blocking() {
  const [what, setWhat] = useState<'ticket' | 'booklet'>('booklet');
  const [op, setOp] = useState<'block' | 'unblock'>('block');
  const [ref, setRef] = useState('');
  const [reason, setReason] = useState('');
  const [result, setResult] = useState<{ op: string; r: BlockResult } | null>(null);
  const form = useForm((f) => (f === 'reason' ? 'motif' : f === 'serial' || f === 'ref' ? 'reference' : null));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setResult(null);
    const done = await form.run(
      () => {
        const errors: Record<string, string> = {};
        if (!ref.trim()) errors['reference'] = what === 'ticket' ? 'Saisissez le numéro de série du ticket.' : 'Saisissez le numéro du carnet.';
        if (reason.trim().length < 3) errors['motif'] = 'Écrivez le motif (il est conservé dans le journal).';
        return errors;
      },
      () => adminApi.block(what, ref.trim(), reason.trim(), op),
    );
    if (done) setResult({ op, r: done });
  };

  return (
    <Page title="Bloquer un ticket ou un carnet" lead="En cas de suspicion de fraude, un ticket bloqué est refusé partout jusqu’à son déblocage. Les tickets déjà utilisés ne changent pas.">
      <form onSubmit={submit} noValidate>
        {form.summary}
        <RadioGroup id="operation" legend="Opération" inline value={op} onChange={(v) => setOp(v as 'block' | 'unblock')} choices={[{ value: 'block', label: 'Bloquer' }, { value: 'unblock', label: 'Débloquer' }]} />
        <RadioGroup id="quoi" legend="Quoi" inline value={what} onChange={(v) => setWhat(v as 'ticket' | 'booklet')} choices={[{ value: 'booklet', label: 'Tout un carnet' }, { value: 'ticket', label: 'Un seul ticket' }]} />
        <TextField
          id="reference"
          label={what === 'ticket' ? 'Numéro de série du ticket' : 'Numéro du carnet'}
          hint={what === 'ticket' ? 'Imprimé sur le ticket, par exemple 2026-62498-000012-3.' : 'Imprimé sur la couverture, par exemple 2026-62498-000012.'}
          value={ref}
          onChange={setRef}
          error={form.errors['reference']}
          autoComplete="off"
          spellCheck={false}
          width="moyen"
        />
        <TextField id="motif" label="Motif" hint="Par exemple : carnet signalé volé, suspicion de fraude." value={reason} onChange={setReason} error={form.errors['motif']} />
        <div className="boutons">
          <button type="submit" className={op === 'block' ? 'bouton--danger' : undefined} disabled={form.submitting}>
            {op === 'block' ? 'Bloquer' : 'Débloquer'}
          </button>
        </div>
      </form>
      <div role="status">
        {result ? (
          <Notice kind="succes" title={result.op === 'block' ? 'Blocage enregistré' : 'Déblocage enregistré'}>
            <p>
              {result.r.changed.length} ticket{result.r.changed.length > 1 ? 's' : ''} {result.op === 'block' ? 'bloqué' : 'débloqué'}
              {result.r.changed.length > 1 ? 's' : ''}
              {result.r.unchanged.length ? ` ; ${result.r.unchanged.length} inchangé${result.r.unchanged.length > 1 ? 's' : ''} (déjà utilisés, payés ou dans un autre état)` : ''}.
            </p>
            {result.r.changed.length ? <p>Tickets : {result.r.changed.map((t) => t.serial).join(', ')}</p> : null}
          </Notice>
        ) : null}
      </div>
    </Page>
  );
}
