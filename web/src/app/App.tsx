import { Suspense, useEffect } from 'react';
import { allows, findRoute } from '../routes.ts';
import { Layout } from './Layout.tsx';
import { LoadBoundary } from './LoadBoundary.tsx';
import { Page } from './Page.tsx';
import { Link, matchPath, navigate, useLocation } from './router.tsx';
import { SessionProvider, useSession } from './session.tsx';
import { Loading } from '../components/Notice.tsx';

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return <Loading />;
}

function NotFound() {
  return (
    <Page title="Page introuvable">
      <p>Cette adresse ne correspond à aucune page. Elle a peut-être été mal recopiée.</p>
      <p>
        <Link to="/">Revenir à l’accueil</Link>
      </p>
    </Page>
  );
}

function Forbidden() {
  return (
    <Page title="Accès réservé">
      <p>Cette page est réservée à un autre rôle que le vôtre.</p>
      <p>
        <Link to="/">Revenir à votre accueil</Link>
      </p>
    </Page>
  );
}

function Screen() {
  const { pathname, href } = useLocation();
  const { state, me } = useSession();
  if (state.status === 'loading') return <Loading />;
  const found = findRoute(pathname, matchPath);
  if (!found) return <NotFound />;
  const { route, params } = found;
  if (route.access !== 'public' && !me) {
    const expired = state.status === 'anonymous' && state.expired ? '&expiree=1' : '';
    return <Redirect to={`/connexion?retour=${encodeURIComponent(href)}${expired}`} />;
  }
  if (me?.totpEnrolmentRequired && !route.pending) return <Redirect to="/compte/securite" />;
  if (!allows(route.access, me?.role ?? null)) return <Forbidden />;
  const Component = route.page;
  return <Component key={pathname} params={params} />;
}

function Content() {
  const { pathname } = useLocation();
  return (
    <LoadBoundary resetKey={pathname}>
      <Suspense fallback={<Loading />}>
        <Screen />
      </Suspense>
    </LoadBoundary>
  );
}

export function App() {
  return (
    <SessionProvider>
      <Layout>
        <Content />
      </Layout>
    </SessionProvider>
  );
}
