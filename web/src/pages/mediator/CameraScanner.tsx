import { useEffect, useRef, useState } from 'react';
import { Notice } from '../../components/Notice.tsx';
import { codeFromScan } from '../../presenters/mediator.ts';
import { createQrDetector, type QrDetector } from './detector.ts';

type CameraState = { status: 'off' } | { status: 'starting' } | { status: 'on'; engine: QrDetector['kind'] } | { status: 'error'; message: string };

const SCAN_EVERY_MS = 200;
/** The same code seen again within this delay is the same ticket still in front of the camera. */
const SAME_CODE_QUIET_MS = 4000;

function cameraError(e: unknown): string {
  const name = e instanceof DOMException ? e.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'L’accès à la caméra a été refusé. Autorisez la caméra pour ce site dans les réglages du navigateur, ou tapez le code du ticket.';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'Aucune caméra n’a été trouvée sur cet appareil. Tapez le code du ticket.';
  if (name === 'NotReadableError') return 'La caméra est déjà utilisée par une autre application. Fermez-la, puis réessayez.';
  return 'La caméra n’a pas pu démarrer. Tapez le code du ticket.';
}

/**
 * The camera viewfinder: reads QR codes continuously and hands each new ticket code to `onCode`.
 * A QR code that holds no ticket code is reported in words, not silently ignored.
 */
export function CameraScanner({ onCode }: { onCode: (code: string) => void }) {
  const [state, setState] = useState<CameraState>({ status: 'off' });
  const [unreadable, setUnreadable] = useState(false);
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);
  const last = useRef<{ code: string; at: number } | null>(null);
  const onCodeRef = useRef(onCode);
  onCodeRef.current = onCode;

  const stop = () => {
    stream.current?.getTracks().forEach((t) => t.stop());
    stream.current = null;
    setState({ status: 'off' });
  };

  // Leaving the page turns the camera off and ends the reading loop.
  useEffect(
    () => () => {
      stream.current?.getTracks().forEach((t) => t.stop());
      stream.current = null;
    },
    [],
  );

  const start = async () => {
    if (!navigator.mediaDevices?.getUserMedia) {
      setState({ status: 'error', message: 'Ce navigateur ne permet pas d’utiliser la caméra ici (il faut une adresse en https). Tapez le code du ticket.' });
      return;
    }
    setState({ status: 'starting' });
    try {
      const [media, detector] = await Promise.all([
        navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false }),
        createQrDetector(),
      ]);
      stream.current = media;
      const v = video.current!;
      v.srcObject = media;
      await v.play();
      setState({ status: 'on', engine: detector.kind });
      void loop(detector);
    } catch (e) {
      stream.current?.getTracks().forEach((t) => t.stop());
      stream.current = null;
      setState({ status: 'error', message: cameraError(e) });
    }
  };

  const loop = async (detector: QrDetector) => {
    while (stream.current) {
      const v = video.current;
      if (v && v.readyState >= 2) {
        try {
          const found = await detector.detect(v);
          for (const f of found) {
            const code = codeFromScan(f.rawValue);
            if (!code) {
              setUnreadable(true);
              continue;
            }
            setUnreadable(false);
            const now = Date.now();
            if (last.current && last.current.code === code && now - last.current.at < SAME_CODE_QUIET_MS) {
              last.current.at = now;
              continue;
            }
            last.current = { code, at: now };
            onCodeRef.current(code);
          }
        } catch {
          // A frame that cannot be read (camera still warming up): try the next one.
        }
      }
      await new Promise((r) => setTimeout(r, SCAN_EVERY_MS));
    }
  };

  const on = state.status === 'on' || state.status === 'starting';
  return (
    <section className="camera" aria-labelledby="titre-camera">
      <h2 id="titre-camera">Avec la caméra</h2>
      <div className="camera__cadre" hidden={!on}>
        <video ref={video} className="camera__video" muted playsInline aria-label="Image de la caméra : placez le QR code du ticket dans le cadre" />
      </div>
      <p className="camera__etat">
        {state.status === 'off' ? 'La caméra est arrêtée.' : null}
        {state.status === 'starting' ? 'Démarrage de la caméra…' : null}
        {state.status === 'on' ? 'Caméra active : placez le QR code du ticket devant l’objectif. La lecture est automatique.' : null}
      </p>
      {unreadable && state.status === 'on' ? <p className="camera__etat">Ce QR code ne contient pas de code de ticket.</p> : null}
      {state.status === 'error' ? (
        <Notice kind="attention" title="Caméra indisponible">
          <p>{state.message}</p>
        </Notice>
      ) : null}
      <div className="boutons">
        {on ? (
          <button type="button" className="bouton--secondaire" onClick={stop}>
            Arrêter la caméra
          </button>
        ) : (
          <button type="button" onClick={() => void start()}>
            Scanner avec la caméra
          </button>
        )}
      </div>
    </section>
  );
}
