// Form components: every field has a visible label, an optional hint and an error message tied
// to it with aria-describedby; the error summary lists the problems as links to the fields and
// takes the focus when a submission fails.
import { useEffect, useRef, useState, type InputHTMLAttributes, type MouseEvent, type ReactNode, type Ref, type SelectHTMLAttributes } from 'react';
import { ApiError } from '../api/client.ts';

export type FieldErrors = Record<string, string>;

function describedBy(id: string, hint?: ReactNode, error?: string): string | undefined {
  const ids = [hint ? `${id}-aide` : null, error ? `${id}-erreur` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function Hint({ id, hint }: { id: string; hint?: ReactNode }) {
  return hint ? (
    <p className="champ__aide" id={`${id}-aide`}>
      {hint}
    </p>
  ) : null;
}

function ErrorText({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p className="champ__erreur" id={`${id}-erreur`}>
      <span className="visuellement-cache">Erreur : </span>
      {error}
    </p>
  ) : null;
}

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'> & {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  value: string;
  onChange: (value: string) => void;
  optional?: boolean;
  width?: 'court' | 'moyen' | 'long';
  ref?: Ref<HTMLInputElement>;
};

export function TextField({ id, label, hint, error, value, onChange, optional, width = 'long', className, ...rest }: TextFieldProps) {
  return (
    <div className={`champ${error ? ' champ--erreur' : ''}`}>
      <label className="champ__libelle" htmlFor={id}>
        {label}
        {optional ? <span className="champ__facultatif"> (facultatif)</span> : null}
      </label>
      <Hint id={id} hint={hint} />
      <ErrorText id={id} error={error} />
      <input
        id={id}
        name={id}
        className={`champ__saisie champ__saisie--${width}${className ? ' ' + className : ''}`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
        {...rest}
      />
    </div>
  );
}

/** A file input with the same label, hint and error pattern as the text fields. */
export function FileField({ id, label, hint, error, accept, onChange }: { id: string; label: ReactNode; hint?: ReactNode; error?: string; accept: string; onChange: (file: File | null) => void }) {
  return (
    <div className={`champ${error ? ' champ--erreur' : ''}`}>
      <label className="champ__libelle" htmlFor={id}>
        {label}
      </label>
      <Hint id={id} hint={hint} />
      <ErrorText id={id} error={error} />
      <input
        id={id}
        name={id}
        type="file"
        accept={accept}
        className="champ__fichier"
        onChange={(e) => onChange(e.target.files?.[0] ?? null)}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
      />
    </div>
  );
}

/** A file's content as base64 (for JSON uploads of small documents such as a RIB). */
export function fileBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(new Error('Le fichier n’a pas pu être lu.'));
    reader.readAsDataURL(file);
  });
}

type SelectFieldProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'onChange' | 'value'> & {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
};

export function SelectField({ id, label, hint, error, value, onChange, options, ...rest }: SelectFieldProps) {
  return (
    <div className={`champ${error ? ' champ--erreur' : ''}`}>
      <label className="champ__libelle" htmlFor={id}>
        {label}
      </label>
      <Hint id={id} hint={hint} />
      <ErrorText id={id} error={error} />
      <select
        id={id}
        name={id}
        className="champ__saisie champ__saisie--moyen"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
        {...rest}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Checkbox({ id, label, hint, checked, onChange, error }: { id: string; label: ReactNode; hint?: ReactNode; checked: boolean; onChange: (v: boolean) => void; error?: string }) {
  return (
    <div className={`case${error ? ' champ--erreur' : ''}`}>
      <ErrorText id={id} error={error} />
      <input
        type="checkbox"
        id={id}
        name={id}
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
      />
      <label htmlFor={id}>
        {label}
        {hint ? (
          <span className="champ__aide" id={`${id}-aide`}>
            {hint}
          </span>
        ) : null}
      </label>
    </div>
  );
}

interface Choice {
  value: string;
  label: ReactNode;
  hint?: ReactNode;
}

/** Radio buttons in a fieldset; the legend is the question. */
export function RadioGroup({ id, legend, hint, error, value, onChange, choices, inline }: { id: string; legend: ReactNode; hint?: ReactNode; error?: string; value: string; onChange: (v: string) => void; choices: Choice[]; inline?: boolean }) {
  return (
    <fieldset className={`groupe${error ? ' champ--erreur' : ''}`} id={id} aria-describedby={describedBy(id, hint, error)} tabIndex={-1}>
      <legend className="groupe__legende">{legend}</legend>
      <Hint id={id} hint={hint} />
      <ErrorText id={id} error={error} />
      <div className={inline ? 'groupe__choix groupe__choix--ligne' : 'groupe__choix'}>
        {choices.map((c, i) => (
          <div className="case case--radio" key={c.value}>
            <input type="radio" id={`${id}-${i}`} name={id} value={c.value} checked={value === c.value} onChange={() => onChange(c.value)} />
            <label htmlFor={`${id}-${i}`}>
              {c.label}
              {c.hint ? <span className="champ__aide">{c.hint}</span> : null}
            </label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

/** Checkboxes in a fieldset for a multiple choice. */
export function CheckboxGroup({ id, legend, hint, error, values, onChange, choices }: { id: string; legend: ReactNode; hint?: ReactNode; error?: string; values: string[]; onChange: (v: string[]) => void; choices: Choice[] }) {
  const toggle = (v: string, on: boolean) => onChange(on ? [...values, v] : values.filter((x) => x !== v));
  return (
    <fieldset className={`groupe${error ? ' champ--erreur' : ''}`} id={id} aria-describedby={describedBy(id, hint, error)} tabIndex={-1}>
      <legend className="groupe__legende">{legend}</legend>
      <Hint id={id} hint={hint} />
      <ErrorText id={id} error={error} />
      <div className="groupe__choix">
        {choices.map((c, i) => (
          <div className="case" key={c.value}>
            <input type="checkbox" id={`${id}-${i}`} name={id} value={c.value} checked={values.includes(c.value)} onChange={(e) => toggle(c.value, e.target.checked)} />
            <label htmlFor={`${id}-${i}`}>
              {c.label}
              {c.hint ? <span className="champ__aide">{c.hint}</span> : null}
            </label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

/** The list of problems after a failed submission; it takes the focus so nobody misses it. */
export function ErrorSummary({ errors, general, attempt }: { errors: FieldErrors; general?: string | null; attempt: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors);
  const shown = entries.length > 0 || !!general;
  useEffect(() => {
    if (shown && attempt > 0) ref.current?.focus();
  }, [attempt, shown]);
  if (!shown) return null;
  const focusField = (id: string) => (e: MouseEvent) => {
    const el = document.getElementById(id);
    if (!el) return;
    e.preventDefault();
    el.focus();
    el.scrollIntoView({ block: 'center' });
  };
  return (
    <div className="resume-erreurs" ref={ref} tabIndex={-1} role="alert" aria-labelledby="resume-erreurs-titre">
      <h2 id="resume-erreurs-titre">{entries.length ? 'Le formulaire contient des erreurs' : 'L’opération n’a pas abouti'}</h2>
      {general ? <p>{general}</p> : null}
      {entries.length ? (
        <ul>
          {entries.map(([id, message]) => (
            <li key={id}>
              <a href={`#${id}`} onClick={focusField(id)}>
                {message}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/**
 * Form state: field errors, a general error, and `run` that submits, maps an API refusal naming a
 * field (details.field) onto that field, and otherwise shows its French message in the summary.
 */
export function useForm(fieldOf: (apiField: string) => string | null = (f) => f) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [submitting, setSubmitting] = useState(false);

  async function run<T>(validate: () => FieldErrors, action: () => Promise<T>): Promise<T | undefined> {
    const found = validate();
    setAttempt((a) => a + 1);
    setGeneral(null);
    setErrors(found);
    if (Object.keys(found).length) return undefined;
    setSubmitting(true);
    try {
      return await action();
    } catch (e) {
      if (e instanceof ApiError) {
        const field = e.field ? fieldOf(e.field.replace(/^body\./, '')) : null;
        if (field) setErrors({ [field]: e.message });
        else setGeneral(e.message);
        return undefined;
      }
      setGeneral('Une erreur inattendue est survenue. Réessayez.');
      return undefined;
    } finally {
      setSubmitting(false);
    }
  }

  const summary = <ErrorSummary errors={errors} general={general} attempt={attempt} />;
  return { errors, setErrors, general, setGeneral, submitting, run, summary };
}
