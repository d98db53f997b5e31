import { useEffect, useState, type MouseEvent, type ReactNode } from 'react';
import type { Programme } from '../api/client.ts';
import { frenchPhone } from '../presenters/format.ts';
import { menuFor } from '../routes.ts';
import { Link, useLocation } from './router.tsx';
import { SERVICE_NAME } from './Page.tsx';
import { useSession } from './session.tsx';

function skipToContent(e: MouseEvent<HTMLAnchorElement>) {
  e.preventDefault();
  const main = document.getElementById('contenu');
  main?.focus();
  main?.scrollIntoView();
}

function NavLink({ to, children }: { to: string; children: ReactNode }) {
  const { pathname } = useLocation();
  const current = to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(to + '/');
  return (
    <Link to={to} aria-current={current ? 'page' : undefined}>
      {children}
    </Link>
  );
}

/** The programme's help contact, for residents who have a question. */
function HelpLine({ help }: { help: Programme['help'] }) {
  if (!help.phone && !help.email) return null;
  const mail = help.email ? <a href={`mailto:${help.email}`}>{help.email}</a> : null;
  return (
    <p className="pied__texte">
      Une question sur le pass numérique ?{' '}
      {help.phone ? (
        <>
          Appelez le <a href={`tel:${help.phone.replace(/\s/g, '')}`}>{frenchPhone(help.phone)}</a>
          {mail ? <> ou écrivez à {mail}</> : null}.
        </>
      ) : (
        <>Écrivez à {mail}.</>
      )}
    </p>
  );
}

/** Skip link, header with the service name and the role's menu, main, footer. */
export function Layout({ children }: { children: ReactNode }) {
  const { me, programme } = useSession();
  const items = menuFor(me?.role ?? null);
  const { pathname } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [pathname]);
  // On a phone, a menu longer than a few screens folds behind a button (styles.css).
  const foldable = items.length > 2;
  return (
    <>
      <a className="lien-evitement" href="#contenu" onClick={skipToContent}>
        Aller au contenu
      </a>
      <header className="entete">
        <div className="conteneur entete__haut">
          <Link to="/" className="marque">
            {/* The territory's name follows in text: the logo adds nothing for a screen reader. */}
            {programme?.logoUrl ? <img className="marque__logo" src={programme.logoUrl} alt="" /> : null}
            <span className="marque__textes">
              <span className="marque__nom">{SERVICE_NAME}</span>
              <span className="marque__sous">{programme ? `Pass numérique — ${programme.territoryName}` : 'Le pass numérique de votre territoire'}</span>
            </span>
          </Link>
          <div className="compte">
            {me ? (
              <>
                <p className="compte__qui">
                  <span className="visuellement-cache">Connecté ou connectée : </span>
                  {me.displayName}
                  <span className="compte__role">{me.roleLabel}</span>
                </p>
                <ul className="compte__liens">
                  <li>
                    <Link to="/compte/securite">Sécurité du compte</Link>
                  </li>
                  <li>
                    <Link to="/deconnexion">Se déconnecter</Link>
                  </li>
                </ul>
              </>
            ) : (
              <Link to="/connexion" className="bouton bouton--secondaire">
                Espace professionnel : se connecter
              </Link>
            )}
          </div>
        </div>
        <nav className={`menu${foldable ? ' menu--repliable' : ''}${menuOpen ? ' menu--ouvert' : ''}`} aria-label="Menu principal">
          {foldable ? (
            <button type="button" className="menu__bouton" aria-expanded={menuOpen} aria-controls="menu-liste" onClick={() => setMenuOpen((o) => !o)}>
              {menuOpen ? 'Fermer le menu' : 'Menu'}
            </button>
          ) : null}
          <ul className="conteneur menu__liste" id="menu-liste">
            <li>
              <NavLink to="/">Accueil</NavLink>
            </li>
            {items.map((r) => (
              <li key={r.path}>
                <NavLink to={r.path}>{r.menu!.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="contenu" tabIndex={-1} className="conteneur principal">
        {children}
      </main>
      <footer className="pied">
        <div className="conteneur">
          <ul className="pied__liens">
            <li>
              <Link to="/ou-utiliser-mon-pass">Où utiliser mon pass ?</Link>
            </li>
            <li>
              <Link to="/verifier-mon-pass">Vérifier mon pass</Link>
            </li>
            <li>
              <Link to="/accessibilite">Accessibilité : partiellement conforme</Link>
            </li>
            <li>
              <Link to="/donnees-personnelles">Données personnelles</Link>
            </li>
            {me ? (
              <li>
                <Link to="/integrateurs">Intégrer passnum à un logiciel (API)</Link>
              </li>
            ) : null}
          </ul>
          {programme ? <HelpLine help={programme.help} /> : null}
          <p className="pied__texte">
            {SERVICE_NAME} — un service public de la collectivité, sans frais pour les habitants ni pour les structures.
          </p>
        </div>
      </footer>
    </>
  );
}
