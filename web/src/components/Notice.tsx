import type { ReactNode } from 'react';

type Kind = 'info' | 'succes' | 'erreur' | 'attention';

// Never colour alone: every notice has an icon and a written kind ("Erreur", "C’est fait"...).
const ICON: Record<Kind, string> = { info: 'i', succes: '✓', erreur: '!', attention: '!' };
const WORD: Record<Kind, string> = { info: 'Information', succes: 'C’est fait', erreur: 'Erreur', attention: 'Attention' };

export function Notice({ kind, title, children, live }: { kind: Kind; title?: ReactNode; children?: ReactNode; live?: boolean }) {
  return (
    <div className={`avis avis--${kind}`} role={live ? (kind === 'erreur' ? 'alert' : 'status') : undefined}>
      <span className="avis__icone" aria-hidden="true">
        {ICON[kind]}
      </span>
      <div className="avis__corps">
        <p className="avis__titre">
          {title ?? WORD[kind]}
          {title ? <span className="visuellement-cache"> ({WORD[kind]})</span> : null}
        </p>
        {children}
      </div>
    </div>
  );
}

export function Loading({ label = 'Chargement…' }: { label?: string }) {
  return (
    <p className="chargement" role="status">
      {label}
    </p>
  );
}
