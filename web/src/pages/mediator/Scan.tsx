import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client.ts';
import { mediatorApi, type MediatorContext, type RedemptionDay, type RedemptionResult, type RedemptionView, type Site, type ThemeList, type Workshop } from '../../api/mediator.ts';
import { Page } from '../../app/Page.tsx';
import { useSession } from '../../app/session.tsx';
import { TextField, useForm } from '../../components/forms.tsx';
import { Loading, Notice } from '../../components/Notice.tsx';
import { codeInputMessage, readCodeInput } from '../../presenters/code-input.ts';
import { euros } from '../../presenters/format.ts';
import {
  addToBasket, basketTotal, blankService, durationLabel, isRetryable, serviceErrors, serviceFieldOf, ticketCard, ticketCount, unknownCard, uuidV4FromBytes,
  type BasketItem, type ServiceForm, type TicketCard,
} from '../../presenters/mediator.ts';
import { CameraScanner } from './CameraScanner.tsx';
import { DayList } from './DayList.tsx';
import { ResultCard } from './ResultCard.tsx';
import { ServiceFields } from './ServiceFields.tsx';
import { AutonomyFields, autonomyOf } from './AutonomyFields.tsx';
import { FollowupPrompt } from './FollowupPrompt.tsx';
import { AccreditationNotice } from './AccreditationNotice.tsx';
import { UndoForm } from './UndoForm.tsx';
import { WorkshopForm } from './WorkshopForm.tsx';
import { WorkshopPanel } from './WorkshopPanel.tsx';
import './mediator.css';

function newClientRedemptionId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return uuidV4FromBytes(crypto.getRandomValues(new Uint8Array(16)));
}

const RETRIES = 3;

/** Sends the redemption; on a network failure, sends it again with the same clientRedemptionId (the server answers a replay, never a double). */
async function redeemWithRetry(body: Parameters<typeof mediatorApi.redeem>[0]): Promise<RedemptionResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await mediatorApi.redeem(body);
    } catch (e) {
      if (!(e instanceof ApiError) || !isRetryable(e.status) || attempt >= RETRIES) throw e;
      await new Promise((r) => setTimeout(r, 700 * attempt));
    }
  }
}

/** "Scanner un pass": check tickets (camera or typed code), redeem those of one booklet, undo, the day's list. */
export default function Scan() {
  const { me } = useSession();
  const structureId = me?.structure?.id ?? '';
  const [themes, setThemes] = useState<ThemeList | null>(null);
  const [sites, setSites] = useState<Site[] | null>(null);
  const [context, setContext] = useState<MediatorContext | null>(null);
  const [workshop, setWorkshop] = useState<Workshop | null>(null);
  const [startingWorkshop, setStartingWorkshop] = useState(false);
  const [day, setDay] = useState<RedemptionDay | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  const [input, setInput] = useState('');
  const [inputError, setInputError] = useState<string | undefined>();
  const [checking, setChecking] = useState(false);
  const [card, setCard] = useState<{ card: TicketCard; note: string | null } | null>(null);
  const [basket, setBasket] = useState<BasketItem[]>([]);
  const basketRef = useRef<BasketItem[]>([]);
  const [clientId, setClientId] = useState<string | null>(null);
  const [service, setService] = useState<ServiceForm>(blankService(null));
  /** The service of the last redemption, offered again by « Même séance, personne suivante ». */
  const [lastService, setLastService] = useState<ServiceForm | null>(null);
  const [done, setDone] = useState<RedemptionResult | null>(null);
  const [autonomy, setAutonomy] = useState<Record<string, string>>({});
  const [undone, setUndone] = useState<RedemptionView | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const codeField = useRef<HTMLInputElement>(null);
  const doneHeading = useRef<HTMLHeadingElement>(null);
  const resultCard = useRef<HTMLDivElement>(null);
  const form = useForm(serviceFieldOf);

  const reloadDay = useCallback(() => mediatorApi.day().then(setDay, (e: Error) => setLoadError(e.message)), []);

  useEffect(() => {
    mediatorApi.themes().then(setThemes, (e: Error) => setLoadError(e.message));
    mediatorApi.context().then(setContext, (e: Error) => setLoadError(e.message));
    if (structureId) {
      mediatorApi.sites(structureId).then((s) => {
        setSites(s);
        setService(blankService(s));
      }, (e: Error) => setLoadError(e.message));
    }
    void reloadDay();
  }, [structureId, reloadDay]);

  useEffect(() => {
    if (done) doneHeading.current?.focus();
  }, [done]);

  const updateBasket = (next: BasketItem[]) => {
    basketRef.current = next;
    setBasket(next);
    // A new composition is a new redemption: a new id, generated when the code is read.
    setClientId(next.length ? newClientRedemptionId() : null);
  };

  const handleCode = async (code: string) => {
    setChecking(true);
    setDone(null);
    setUndone(null);
    try {
      const check = await mediatorApi.check(code);
      const shown = ticketCard(check);
      let note: string | null = null;
      if (check.usable) {
        const added = addToBasket(basketRef.current, { code, check });
        if (added.ok) {
          updateBasket(added.basket);
          note = `Ajouté à l’utilisation en cours : ${ticketCount(added.basket.length, basketTotal(added.basket))}.`;
        } else note = added.message;
      }
      setCard({ card: shown, note });
      setAnnouncement(`${shown.announcement}${note ? ' ' + note : ''}`);
      showCard();
      return true;
    } catch (e) {
      const shown = unknownCard(e instanceof ApiError ? e.message : 'La vérification n’a pas abouti. Réessayez.');
      setCard({ card: shown, note: null });
      setAnnouncement(shown.announcement);
      showCard();
      return false;
    } finally {
      setChecking(false);
    }
  };

  /** On a phone the answer is below the keyboard: bring the card into view and move the focus to it. */
  const [cardShown, setCardShown] = useState(0);
  const showCard = () => setCardShown((n) => n + 1);
  useEffect(() => {
    if (!cardShown) return;
    resultCard.current?.scrollIntoView({ block: 'start' });
    resultCard.current?.focus({ preventScroll: true });
  }, [cardShown]);

  const typed = readCodeInput(input);
  const typedMessage = typed.kind === 'ok' || typed.kind === 'typo' || typed.kind === 'bad_characters' || typed.kind === 'too_long' ? codeInputMessage(typed) : null;

  const submitCode = async (e: FormEvent) => {
    e.preventDefault();
    if (typed.kind !== 'ok') {
      setInputError(typed.kind === 'empty' ? 'Saisissez le code imprimé sous le QR code du ticket.' : (codeInputMessage(typed) ?? undefined));
      codeField.current?.focus();
      return;
    }
    setInputError(undefined);
    const ok = await handleCode(typed.code);
    if (ok) setInput('');
  };

  const focusCode = () => {
    codeField.current?.focus();
    codeField.current?.scrollIntoView({ block: 'center' });
  };

  const removeFromBasket = (serial: string) => {
    const next = basketRef.current.filter((b) => b.check.serial !== serial);
    updateBasket(next);
    setAnnouncement(next.length ? `Ticket retiré. Reste ${ticketCount(next.length)}.` : 'Ticket retiré. Aucun ticket dans l’utilisation en cours.');
  };

  const redeem = async (e: FormEvent) => {
    e.preventDefault();
    if (!clientId || basket.length === 0) return;
    const codes = basket.map((b) => b.code);
    const result = await form.run(
      () => (workshop ? {} : serviceErrors(service)),
      () =>
        redeemWithRetry(
          workshop
            ? { clientRedemptionId: clientId, codes, workshopId: workshop.id }
            : {
                clientRedemptionId: clientId,
                codes,
                service: { format: service.format as 'individuel' | 'collectif', themes: service.themes as never, durationMinutes: Number(service.durationMinutes), siteId: service.siteId },
                autonomy: autonomyOf(autonomy, service.themes) as never,
              },
        ),
    );
    if (!result) return;
    updateBasket([]);
    setCard(null);
    if (workshop) {
      // The next participant is scanned at once; the workshop's list says who came.
      setAnnouncement(`Participation enregistrée : ${ticketCount(result.tickets.length, result.totalCents)}. Scannez les tickets de la personne suivante.`);
      mediatorApi.workshop(workshop.id).then(setWorkshop, () => undefined);
      focusCode();
    } else {
      // Each person starts clean: the next one's themes, format and duration are chosen anew.
      setLastService(service);
      setService(blankService(sites));
      setAutonomy({});
      setDone(result);
      setAnnouncement(`Utilisation enregistrée : ${ticketCount(result.tickets.length, result.totalCents)}.`);
    }
    void reloadDay();
  };

  const sameSessionNextPerson = () => {
    if (lastService) setService(lastService);
    setDone(null);
    setAnnouncement('Même séance : format, thématiques, durée et lieu repris pour la personne suivante.');
    focusCode();
  };

  const afterUndo = (r: RedemptionView) => {
    setDone(null);
    setUndone(r);
    setAnnouncement(`Utilisation annulée : ${ticketCount(r.tickets.length)} de nouveau utilisables.`);
    void reloadDay();
  };

  if (!structureId) {
    return (
      <Page title="Scanner un pass">
        <Notice kind="attention" title="Aucune structure">
          <p>Votre compte n’est rattaché à aucune structure : demandez au responsable de votre structure de vérifier votre compte.</p>
        </Notice>
      </Page>
    );
  }

  return (
    <Page title="Scanner un pass" lead="Lisez le QR code d’un ticket avec la caméra, ou tapez son code. Plusieurs tickets d’un même carnet peuvent être validés ensemble.">
      <p className="visuellement-cache" role="status" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
      {context && !context.accreditation.accredited ? <AccreditationNotice context={context} /> : null}
      {loadError ? (
        <Notice kind="erreur" title="Chargement incomplet">
          <p>{loadError}</p>
        </Notice>
      ) : null}

      <CameraScanner onCode={(code) => void handleCode(code)} />

      <section aria-labelledby="titre-saisie">
        <h2 id="titre-saisie">En tapant le code</h2>
        <form onSubmit={submitCode} noValidate>
          <TextField
            id="code"
            ref={codeField}
            label="Code du ticket"
            hint="18 caractères sous le QR code. Les espaces et les majuscules n’ont pas d’importance."
            className="code-saisie"
            autoComplete="off"
            autoCapitalize="characters"
            autoCorrect="off"
            spellCheck={false}
            enterKeyHint="go"
            value={input}
            onChange={(v) => {
              setInput(v);
              setInputError(undefined);
            }}
            error={inputError}
          />
          <p className="etapes">{typed.kind === 'incomplete' ? codeInputMessage(typed) : null}</p>
          <p className="etapes" aria-live="polite">
            {typedMessage}
          </p>
          <div className="boutons">
            <button type="submit" disabled={checking}>
              {checking ? 'Vérification…' : 'Vérifier le ticket'}
            </button>
          </div>
        </form>
      </section>

      {workshop ? (
        <WorkshopPanel workshop={workshop} onEnd={() => { setWorkshop(null); updateBasket([]); setAnnouncement('Atelier terminé.'); }} />
      ) : startingWorkshop && themes && sites && context ? (
        <section aria-labelledby="titre-atelier" className="atelier">
          <h2 id="titre-atelier">Nouvel atelier collectif</h2>
          <WorkshopForm
            themes={themes}
            usual={context.usualThemes}
            sites={sites}
            onCancel={() => setStartingWorkshop(false)}
            onStarted={(w) => {
              setStartingWorkshop(false);
              setWorkshop(w);
              setDone(null);
              setAnnouncement('Atelier commencé : scannez ou tapez les tickets de chaque participant, une personne après l’autre.');
              focusCode();
            }}
          />
        </section>
      ) : (
        <p className="atelier-lien">
          <button type="button" className="bouton--secondaire" onClick={() => setStartingWorkshop(true)}>
            Atelier collectif : enregistrer la séance une fois
          </button>
        </p>
      )}
      {card ? <ResultCard ref={resultCard} card={card.card} note={card.note} /> : null}

      {done ? (
        <div className="avis avis--succes">
          <span className="avis__icone" aria-hidden="true">
            ✓
          </span>
          <div className="avis__corps">
            <h2 className="avis__titre" ref={doneHeading} tabIndex={-1}>
              Utilisation enregistrée : {ticketCount(done.tickets.length, done.totalCents)}
            </h2>
            <p>
              Carnet {done.bookletSerial}, tickets {done.tickets.map((t) => `n° ${t.index}`).join(', ')} — {done.service.formatLabel}, {durationLabel(done.service.durationMinutes)}.
            </p>
            <FollowupPrompt redemptionId={done.redemptionId} />
            <div className="boutons">
              <button type="button" onClick={sameSessionNextPerson}>
                Même séance, personne suivante
              </button>
              <button type="button" className="bouton--secondaire" onClick={() => { setDone(null); focusCode(); }}>
                Nouvelle personne
              </button>
            </div>
            {done.canUndo ? (
              <details>
                <summary>Annuler cette utilisation (erreur)</summary>
                <UndoForm redemption={done} idPrefix="annuler-derniere" onDone={afterUndo} />
              </details>
            ) : null}
          </div>
        </div>
      ) : null}
      {undone ? (
        <Notice kind="info" title="Utilisation annulée">
          <p>{ticketCount(undone.tickets.length)} de nouveau utilisable{undone.tickets.length > 1 ? 's' : ''}.</p>
        </Notice>
      ) : null}

      {basket.length ? (
        <section aria-labelledby="titre-panier" className="panier">
          <h2 id="titre-panier">Utilisation en cours : {ticketCount(basket.length, basketTotal(basket))}</h2>
          <p>
            Carnet {basket[0].check.bookletSerial} — scannez ou tapez un autre ticket du même carnet pour l’ajouter.
          </p>
          <ul className="panier__liste">
            {basket.map((b) => (
              <li key={b.check.serial}>
                <span>
                  Ticket {b.check.index} ({euros(b.check.faceValueCents)})
                </span>
                <button type="button" className="lien-bouton" onClick={() => removeFromBasket(b.check.serial)}>
                  Retirer<span className="visuellement-cache"> le ticket {b.check.index}</span>
                </button>
              </li>
            ))}
          </ul>
          {workshop || (themes && sites && context) ? (
            <form onSubmit={redeem} noValidate>
              {workshop ? null : <h3>Accompagnement réalisé</h3>}
              {form.summary}
              {workshop || !themes || !sites || !context ? null : (
                <>
                  <ServiceFields form={service} onChange={setService} themes={themes} usual={context.usualThemes} sites={sites} errors={form.errors} />
                  <AutonomyFields themes={themes} chosen={service.themes} value={autonomy} onChange={setAutonomy} />
                </>
              )}
              <div className="boutons">
                <button type="submit" disabled={form.submitting}>
                  {form.submitting
                    ? 'Enregistrement…'
                    : workshop
                      ? `Valider la participation à l’atelier (${ticketCount(basket.length)})`
                      : `Valider l’utilisation de ${ticketCount(basket.length)}`}
                </button>
                <button type="button" className="bouton--secondaire" onClick={() => updateBasket([])}>
                  Tout retirer
                </button>
              </div>
            </form>
          ) : (
            <Loading />
          )}
        </section>
      ) : null}

      {day ? <DayList day={day} onUndone={afterUndo} /> : <Loading label="Chargement des utilisations du jour…" />}
    </Page>
  );
}
