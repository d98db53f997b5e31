import type { FastifyRequest } from 'fastify';

// What the request log may say (issue 19, finding 2): no secret and no personal data. Ticket codes
// and password-link tokens travel in some paths, names and birth dates in search parameters, and
// credentials in headers. The logger's format (levels, JSON or pretty) is set elsewhere; these
// serializers and paths are what it writes for a request, a response and an error.

const MASK = '[masqué]';
/** Route parameters that carry a secret (a ticket code, a password-link token). */
const SECRET_PARAMS = new Set(['code', 'token']);

/**
 * The URL as the log shows it: on a matched route, the parameters named in SECRET_PARAMS are
 * masked; on an unmatched one (a page of the web app such as /mot-de-passe/…, a 404), only the first
 * segment (two under /api) is kept. Every query value is masked: searches carry names and dates.
 */
export function redactUrl(url: string, routeUrl: string | undefined): string {
  const [path, query] = splitOnce(url, '?');
  const segments = path.split('/');
  let shown: string[];
  if (routeUrl) {
    const pattern = routeUrl.split('/');
    shown = segments.map((s, i) => (pattern[i]?.startsWith(':') && SECRET_PARAMS.has(pattern[i].slice(1).replace(/\..*$/, '')) ? MASK : s));
  } else {
    const keep = segments[1] === 'api' ? 3 : 2;
    shown = segments.map((s, i) => (i < keep || s === '' ? s : MASK));
  }
  if (query === undefined) return shown.join('/');
  const params = query.split('&').filter(Boolean).map((pair) => `${splitOnce(pair, '=')[0]}=${MASK}`);
  return `${shown.join('/')}?${params.join('&')}`;
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

/** An error as logged: its kind and stack, without the driver's details (they quote row values). */
function serializeError(error: Error & { code?: unknown; statusCode?: unknown }) {
  return { type: error.name, code: error.code, statusCode: error.statusCode, message: error.message, stack: error.stack ?? '' };
}

export const logSerializers = {
  req(request: FastifyRequest) {
    return {
      method: request.method,
      url: redactUrl(request.url, request.routeOptions?.url),
      route: request.routeOptions?.url,
      remoteAddress: request.ip,
    };
  },
  res(reply: { statusCode: number }) {
    return { statusCode: reply.statusCode };
  },
  err: serializeError,
};

/** Paths pino removes wherever they appear in a log object. */
export const logRedactPaths = ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'headers.cookie', '*.password', '*.code', '*.codes', '*.token'];
