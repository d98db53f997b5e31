// The typed JSON client of the web app: same-origin cookies, the session's CSRF token on every
// write, and `{ code, message, details }` refusals turned into an ApiError carrying the French
// message the server wrote for the person at the screen.
import type { z } from 'zod';
import type { MeDto, Programme as ProgrammeSchema } from '../../../src/contracts/session.ts';

export type Me = MeDto;
export type Programme = z.infer<typeof ProgrammeSchema>;
export type Role = Me['role'];

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The form field a refusal names (`details.field`), if any. */
  get field(): string | null {
    const f = this.details.field;
    return typeof f === 'string' ? f : null;
  }
}

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when the server says the session is gone (expired, closed elsewhere). */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

/** A list is sent as the same key repeated (`?a=x&a=y`). */
type Query = Record<string, string | number | boolean | string[] | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (Array.isArray(v)) for (const item of v) params.append(k, item);
    else if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function request<T>(method: string, path: string, body?: unknown, opts: { quiet401?: boolean; contentType?: string } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = opts.contentType ?? 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      // A file sent as it is (contentType given) keeps its own format; anything else is JSON.
      body: body === undefined ? undefined : opts.contentType ? String(body) : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'Le serveur ne répond pas. Vérifiez la connexion à Internet et réessayez.');
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!res.ok) {
    const err = json as { code?: string; message?: string; details?: Record<string, unknown> } | null;
    const error = new ApiError(
      res.status,
      err?.code ?? 'http_' + res.status,
      err?.message ?? `Le serveur a répondu par une erreur (${res.status}). Réessayez dans un instant.`,
      err?.details ?? {},
    );
    if (error.code === 'unauthenticated' && !opts.quiet401) onUnauthenticated?.();
    throw error;
  }
  return json as T;
}

/** A POST answered by a file (a PDF to print): the file and its response headers, or the French refusal. */
async function postForFile(path: string, body: unknown = {}): Promise<{ blob: Blob; headers: Headers }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  const res = await fetch(path, { method: 'POST', headers, credentials: 'same-origin', body: JSON.stringify(body) }).catch(() => null);
  if (!res) throw new ApiError(0, 'network', 'Le serveur ne répond pas. Vérifiez la connexion à Internet et réessayez.');
  if (!res.ok) {
    const err = (await res.json().catch(() => null)) as { code?: string; message?: string } | null;
    throw new ApiError(res.status, err?.code ?? 'http_' + res.status, err?.message ?? `Le serveur a répondu par une erreur (${res.status}).`);
  }
  return { blob: await res.blob(), headers: res.headers };
}

export const api = {
  postForFile,
  get: <T>(path: string, query?: Query, opts?: { quiet401?: boolean }) => request<T>('GET', withQuery(path, query), undefined, opts),
  post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, body),
  /** A file's text posted as it is (a CSV or JSON import), answered in JSON. */
  postFile: <T>(path: string, text: string, contentType: string) => request<T>('POST', path, text, { contentType }),
  put: <T>(path: string, body: unknown = {}) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown = {}) => request<T>('PATCH', path, body),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};

export type LoginBody = { email: string; password: string; totp?: string };
export type LoginResult = { csrfToken: string; totpEnrolmentRequired: boolean };

export const sessionApi = {
  state: () => api.get<{ me: Me | null; programme: Programme | null }>('/api/session'),
  login: (body: LoginBody) => request<LoginResult>('POST', '/api/session', body, { quiet401: true }),
  logout: () => api.delete('/api/session'),
};
