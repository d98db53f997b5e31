import { useEffect, useRef, type ReactNode } from 'react';
import { hasNavigated } from './router.tsx';

export const SERVICE_NAME = 'passnum';

/** Sets the tab title: "<Page> — passnum". */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} — ${SERVICE_NAME}`;
  }, [title]);
}

/**
 * Moves keyboard and screen-reader focus to the element when `key` changes (a new page after a
 * navigation, a new step of a wizard), so nobody is left at the bottom of the previous screen.
 */
export function useFocusOn<T extends HTMLElement>(key: unknown, when: boolean | 'after-navigation' = 'after-navigation') {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (when === true || (when === 'after-navigation' && hasNavigated())) ref.current?.focus();
  }, [key, when]);
  return ref;
}

/** One screen: its title (tab and h1) and an optional lead paragraph. */
export function Page({ title, heading, lead, children, wide }: { title: string; heading?: ReactNode; lead?: ReactNode; children?: ReactNode; wide?: boolean }) {
  useDocumentTitle(title);
  const h1 = useFocusOn<HTMLHeadingElement>(title);
  return (
    <div className={wide ? 'page page--large' : 'page'}>
      <h1 ref={h1} tabIndex={-1}>
        {heading ?? title}
      </h1>
      {lead ? <p className="chapo">{lead}</p> : null}
      {children}
    </div>
  );
}
