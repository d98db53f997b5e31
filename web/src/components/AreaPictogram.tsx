// One pictogram per diagnostic area (issue #18, FALC: a picture beside each area). Drawn inline so
// that it prints and works offline; decorative — the area's name is always written next to it.
const PATHS: Record<string, string[]> = {
  // A phone.
  appareil: ['M8 2h8a2 2 0 0 1 2 2v16a2 2 0 0 1-2 2H8a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2z', 'M11 18h2'],
  // A magnifying glass.
  information: ['M10.5 3a7.5 7.5 0 1 1 0 15 7.5 7.5 0 0 1 0-15z', 'M16 16l5 5'],
  // Two speech bubbles.
  communication: ['M3 5h12v8H8l-3 3v-3H3z', 'M15 9h6v8h-2v3l-3-3h-4v-4'],
  // A form with a tick.
  demarches: ['M6 2h9l4 4v16H6z', 'M15 2v4h4', 'M9 14l2 2 4-4'],
  // A shield.
  securite: ['M12 2l8 3v6c0 5-3.5 9-8 11-4.5-2-8-6-8-11V5z', 'M9 12l2 2 4-4'],
};

export function AreaPictogram({ area, size = 32 }: { area: string | null | undefined; size?: number }) {
  const paths = PATHS[area ?? ''];
  if (!paths) return null;
  return (
    <svg className="pictogramme" width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
      {paths.map((d) => (
        <path key={d} d={d} />
      ))}
    </svg>
  );
}
