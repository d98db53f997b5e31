import './proconnect.css';

// The ProConnect button as its service-provider guidelines describe it (without the State's design
// system, which a territory may not use): dark blue, the mark, "S’identifier avec ProConnect", and
// under it the link "Qu’est-ce que ProConnect ?" opening proconnect.gouv.fr in a new window.
// A link rather than a form button: the browser leaves for ProConnect by plain navigation, which
// the page's form-action policy would otherwise stop.
export function ProConnectButton({ href }: { href: string }) {
  return (
    <div className="proconnect">
      <a className="proconnect__bouton" href={href}>
        <ProConnectMark />
        <span className="proconnect__texte">
          <span className="proconnect__ligne">S’identifier avec</span> <span className="proconnect__nom">ProConnect</span>
        </span>
      </a>
      <p className="proconnect__aide">
        <a href="https://www.proconnect.gouv.fr/" target="_blank" rel="noopener noreferrer" title="Qu’est-ce que ProConnect ? - nouvelle fenêtre">
          Qu’est-ce que ProConnect&nbsp;?
        </a>
      </p>
    </div>
  );
}

/** A hexagonal badge in ProConnect's colours (drawn for passnum; decorative, the text names the service). */
function ProConnectMark() {
  return (
    <svg className="proconnect__marque" viewBox="0 0 40 44" width="36" height="40" aria-hidden="true" focusable="false">
      <path d="M20 1.5 38 11.75v20.5L20 42.5 2 32.25v-20.5z" fill="#fff" />
      <path d="M20 6.5 33.5 14.25v15.5L20 37.5 6.5 29.75v-15.5z" fill="#000091" />
      <path d="M20 6.5v31L6.5 29.75v-15.5z" fill="#0063cb" />
      <path d="M20 6.5 33.5 14.25 27 18.2 20 14.2z" fill="#fcc63a" />
      <circle cx="20" cy="21" r="5.5" fill="#fff" />
      <path d="M11.5 33c1.6-4.6 4.9-7 8.5-7s6.9 2.4 8.5 7" fill="#fff" />
    </svg>
  );
}
