import { useEffect, useRef, useState, type ReactNode } from 'react';
import './charts.css';

export interface BarSeries {
  /** The series' name, shown in the legend when there are several. */
  label: string;
  values: number[];
  /** The text written on each bar (same as in the data table): "1 234", "12,50 €", "42 (80 %)". */
  display: string[];
}

export interface BarChartSpec {
  labels: string[];
  series: BarSeries[];
  /** Bars across (long category names) rather than up. */
  horizontal?: boolean;
  /** Bars touching each other (bands of a histogram). */
  histogram?: boolean;
  /** The value of a full bar (100 for rates), when it is not the largest value. */
  max?: number;
}

/**
 * A bar chart in a <figure>: its caption in plain French, the drawing (a canvas that screen readers
 * read as one image with a short summary) and the exact data table (always in the page).
 * Chart.js is loaded on first use, so only the pages with a chart fetch it; the figure's data-etat
 * says "dessine" once the bars are drawn.
 */
export function BarChart({
  id,
  caption,
  summary,
  spec,
  table,
}: {
  id: string;
  caption: ReactNode;
  summary: string;
  spec: BarChartSpec;
  table: ReactNode;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [state, setState] = useState<'chargement' | 'dessine' | 'erreur'>('chargement');
  const key = JSON.stringify(spec);

  useEffect(() => {
    let chart: { destroy(): void } | null = null;
    let cancelled = false;
    setState('chargement');
    import('./chart-engine.ts')
      .then(({ drawBarChart }) => {
        if (cancelled || !canvas.current) return;
        chart = drawBarChart(canvas.current, spec, () => {
          if (!cancelled) setState('dessine');
        });
      })
      .catch(() => {
        if (!cancelled) setState('erreur');
      });
    return () => {
      cancelled = true;
      chart?.destroy();
    };
    // The spec is compared by value (key): a new object with the same figures draws nothing new.
  }, [key]);

  return (
    <figure className="graphique" id={id} data-etat={state}>
      <figcaption className="graphique__legende">{caption}</figcaption>
      <div className="graphique__corps">
        {state === 'erreur' ? (
          <p className="graphique__absent">
            Le graphique n’a pas pu être affiché ; les chiffres sont dans le tableau.
          </p>
        ) : (
          <div className="graphique__dessin">
            <canvas ref={canvas} role="img" aria-label={summary}>
              {summary}
            </canvas>
          </div>
        )}
        <div className="graphique__donnees">{table}</div>
      </div>
    </figure>
  );
}
