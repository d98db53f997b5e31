import { useState } from 'react';
import { gridToOsm, openingHoursSentence, osmToGrid, type TimeRange, type WeekGrid } from '../../../../src/domain/opening-hours.ts';
import { TextField } from '../../components/forms.tsx';

const DAYS = ['Lundi', 'Mardi', 'Mercredi', 'Jeudi', 'Vendredi', 'Samedi', 'Dimanche'];
const HOURS_HINT = 'Au format OpenStreetMap, par exemple « Mo-Fr 09:00-12:00,14:00-17:30; Sa 09:00-12:00 ».';

/**
 * Opening hours as a day-by-day grid: each day closed, or open with one or two ranges; closed on
 * public holidays; closures on given dates. Written as OpenStreetMap hours (the value sent), read
 * back in French under the grid. Hours the grid cannot show (written by hand) stay editable as text.
 */
export function OpeningHoursGrid({ id, value, onChange, error }: { id: string; value: string; onChange: (osm: string) => void; error?: string }) {
  const [grid, setGrid] = useState<WeekGrid | null>(() => osmToGrid(value));
  const [newDate, setNewDate] = useState('');
  if (!grid) {
    return <TextField id={id} label="Horaires d’ouverture" optional hint={HOURS_HINT} value={value} onChange={onChange} error={error} spellCheck={false} />;
  }
  const update = (g: WeekGrid) => {
    setGrid(g);
    onChange(gridToOsm(g) ?? '');
  };
  const setDay = (d: number, ranges: TimeRange[]) => update({ ...grid, days: grid.days.map((r, k) => (k === d ? ranges : r)) });
  const sentence = openingHoursSentence(gridToOsm(grid));
  return (
    <fieldset className="groupe horaires" id={id} tabIndex={-1} aria-describedby={error ? `${id}-erreur` : undefined}>
      <legend className="groupe__legende">Horaires d’ouverture</legend>
      {error ? (
        <p className="champ__erreur" id={`${id}-erreur`}>
          <span className="visuellement-cache">Erreur : </span>
          {error}
        </p>
      ) : null}
      <table className="horaires__grille">
        <thead>
          <tr>
            <th scope="col">Jour</th>
            <th scope="col">Ouvert</th>
            <th scope="col">Matin ou journée</th>
            <th scope="col">Après-midi (facultatif)</th>
          </tr>
        </thead>
        <tbody>
          {DAYS.map((day, d) => {
            const r = grid.days[d];
            const open = r.length > 0;
            const time = (k: number, end: 'from' | 'to', label: string) => (
              <input
                type="time"
                aria-label={`${day}, ${label}`}
                value={r[k]?.[end] ?? ''}
                onChange={(e) => {
                  const next = [...r];
                  next[k] = { ...(next[k] ?? { from: '', to: '' }), [end]: e.target.value };
                  setDay(d, next.filter((x) => x.from || x.to));
                }}
              />
            );
            return (
              <tr key={day}>
                <th scope="row">{day}</th>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${day} : ouvert`}
                    checked={open}
                    onChange={(e) => setDay(d, e.target.checked ? [{ from: '09:00', to: '12:00' }] : [])}
                  />
                </td>
                {open ? (
                  <>
                    <td>
                      {time(0, 'from', 'ouverture')} à {time(0, 'to', 'fermeture')}
                    </td>
                    <td>
                      {time(1, 'from', 'réouverture l’après-midi')} à {time(1, 'to', 'fermeture l’après-midi')}
                    </td>
                  </>
                ) : (
                  <td colSpan={2}>Fermé</td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="case">
        <input type="checkbox" id={`${id}-feries`} checked={grid.closedOnPublicHolidays} onChange={(e) => update({ ...grid, closedOnPublicHolidays: e.target.checked })} />
        <label htmlFor={`${id}-feries`}>Fermé les jours fériés</label>
      </div>
      <p className="groupe__legende">Fermetures exceptionnelles</p>
      {grid.closedDates.length ? (
        <ul>
          {grid.closedDates.map((date) => (
            <li key={date}>
              {new Date(`${date}T12:00:00`).toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' })}{' '}
              <button type="button" className="lien-bouton" onClick={() => update({ ...grid, closedDates: grid.closedDates.filter((x) => x !== date) })}>
                Retirer<span className="visuellement-cache"> la fermeture du {date}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="en-ligne">
        <label htmlFor={`${id}-date`}>Fermé exceptionnellement le</label>
        <input type="date" id={`${id}-date`} value={newDate} onChange={(e) => setNewDate(e.target.value)} />
        <button
          type="button"
          className="bouton--secondaire"
          onClick={() => {
            if (/^\d{4}-\d{2}-\d{2}$/.test(newDate) && !grid.closedDates.includes(newDate)) update({ ...grid, closedDates: [...grid.closedDates, newDate] });
            setNewDate('');
          }}
        >
          Ajouter la fermeture
        </button>
      </div>
      <p className="horaires__phrase" aria-live="polite">
        Ce que liront les habitants : {sentence ?? 'horaires non communiqués.'}
      </p>
    </fieldset>
  );
}
