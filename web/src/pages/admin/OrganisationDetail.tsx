import { useState } from 'react';
import { adminApi } from '../../api/admin.ts';
import { structureApi } from '../../api/structure.ts';
import { Page } from '../../app/Page.tsx';
import { Link } from '../../app/router.tsx';
import type { PageProps } from '../../routes.ts';
import { Loading, Notice } from '../../components/Notice.tsx';
import { useLoad } from '../finance/use-load.ts';
import { UserList } from '../structure/UserList.tsx';
import { AgentForm, OrganisationForm } from './OrganisationFields.tsx';

/** Admin: one organisation — edit it, see its agents, add one. */
export default function OrganisationDetail({ params }: PageProps) {
  const orgs = useLoad(() => adminApi.organisations(), []);
  const communes = useLoad(() => adminApi.communes(), []);
  const users = useLoad(() => structureApi.users(), []);
  const [saved, setSaved] = useState(false);
  const org = orgs.data?.find((o) => o.id === params.id) ?? null;
  const agents = users.data?.filter((u) => u.organisationId === params.id) ?? null;
  const title = org ? org.name : 'Organisation';

  return (
    <Page title={title} wide>
      <p>
        <Link to="/admin/organisations">Organisations prescriptrices</Link> › {title}
      </p>
      {orgs.data && !org ? (
        <Notice kind="erreur" title="Organisation introuvable">
          <p>Revenez à la liste des organisations.</p>
        </Notice>
      ) : null}
      {!org || !communes.data ? (
        orgs.error ? <Notice kind="erreur"><p>{orgs.error}</p></Notice> : <Loading />
      ) : (
        <>
          <p className="chapo">
            {org.kindLabel} à {org.communeName ?? org.communeInsee} — {org.agents} agent{org.agents > 1 ? 's' : ''} actif{org.agents > 1 ? 's' : ''}. Ses agents reçoivent les habitants et leur remettent les carnets.
          </p>
          <section aria-labelledby="titre-agents">
            <h2 id="titre-agents">Ses agents</h2>
            {agents ? (
              agents.length ? (
                <UserList users={agents} onChanged={() => void users.reload().then(orgs.reload)} caption={`Les comptes des agents de ${org.name}`} />
              ) : (
                <p>Aucun agent pour l’instant : créez le premier compte ci-dessous.</p>
              )
            ) : (
              <Loading />
            )}
          </section>
          <AgentForm organisation={org} onCreated={() => void users.reload().then(orgs.reload)} />
          <section aria-labelledby="titre-modifier">
            <h2 id="titre-modifier">Modifier l’organisation</h2>
            <div role="status">{saved ? <Notice kind="succes"><p>Modifications enregistrées.</p></Notice> : null}</div>
            <OrganisationForm
              communes={communes.data}
              initial={org}
              submitLabel="Enregistrer les modifications"
              onSaved={() => {
                setSaved(true);
                void orgs.reload();
              }}
            />
          </section>
        </>
      )}
    </Page>
  );
}
