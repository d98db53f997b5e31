// QR code reading: the browser's own BarcodeDetector where it exists (Chrome on Android, Safari 17+
// on some systems), otherwise the `barcode-detector` polyfill built on ZXing compiled to
// WebAssembly. Its .wasm file is bundled by Vite and served by passnum itself (never a CDN): the
// CSP allows 'wasm-unsafe-eval' and nothing else from outside.
import zxingWasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

export interface QrDetector {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
  kind: 'natif' | 'webassembly';
}

interface NativeDetectorClass {
  new (opts: { formats: string[] }): { detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]> };
  getSupportedFormats?: () => Promise<string[]>;
}

async function nativeDetector(): Promise<QrDetector | null> {
  const Native = (globalThis as { BarcodeDetector?: NativeDetectorClass }).BarcodeDetector;
  if (!Native) return null;
  try {
    const formats = (await Native.getSupportedFormats?.()) ?? [];
    if (!formats.includes('qr_code')) return null;
    const d = new Native({ formats: ['qr_code'] });
    return { kind: 'natif', detect: (v) => d.detect(v) };
  } catch {
    return null;
  }
}

let fallback: Promise<QrDetector> | null = null;

function wasmDetector(): Promise<QrDetector> {
  fallback ??= import('barcode-detector/ponyfill').then(({ BarcodeDetector, setZXingModuleOverrides }) => {
    setZXingModuleOverrides({
      locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? new URL(zxingWasmUrl, window.location.href).href : prefix + path),
    });
    const d = new BarcodeDetector({ formats: ['qr_code'] });
    return { kind: 'webassembly' as const, detect: (v: HTMLVideoElement) => d.detect(v) };
  });
  return fallback;
}

export async function createQrDetector(): Promise<QrDetector> {
  return (await nativeDetector()) ?? wasmDetector();
}
