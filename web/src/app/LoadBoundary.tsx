import { Component, type ReactNode } from 'react';
import { Notice } from '../components/Notice.tsx';

/**
 * A screen whose code cannot be loaded (network cut, or the app was updated since the page was
 * opened) says so and offers to reload, instead of leaving a blank page.
 */
export class LoadBoundary extends Component<{ children: ReactNode; resetKey: string }, { failed: boolean; key: string }> {
  override state = { failed: false, key: this.props.resetKey };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  static getDerivedStateFromProps(props: { resetKey: string }, state: { failed: boolean; key: string }) {
    return props.resetKey !== state.key ? { failed: false, key: props.resetKey } : null;
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="page">
        <h1 tabIndex={-1}>Page indisponible</h1>
        <Notice kind="erreur" title="Cette page n’a pas pu être chargée" live>
          <p>La connexion a peut-être été coupée, ou l’application vient d’être mise à jour.</p>
        </Notice>
        <div className="boutons">
          <button type="button" onClick={() => window.location.reload()}>
            Recharger la page
          </button>
        </div>
      </div>
    );
  }
}
