import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import helmet from 'helmet';
import { z } from 'zod';
import type { Deps } from '../usecases/support/deps.ts';
import { registerAuth } from './auth.ts';
import { errorHandler } from './errors.ts';
import { registerInputGuard } from './input-guard.ts';
import { boundToRequest, log, runInRequest, setupLogging } from '../logging.ts';
import { routes } from './routes/index.ts';
import { registerSecurityLog } from './security-log.ts';
import { registerMetrics, type PoolLike } from './metrics.ts';

z.config(z.locales.fr());

import { VERSION } from './version.ts';
/**
 * Files under assets/ carry a hash of their content in their name: a new build gives new names, so
 * browsers may keep them a year without asking again. Everything else (index.html, which names the
 * current assets) is never cached, so that a deployment reaches every browser at once.
 */
export function staticCacheControl(file: string): string {
  return /[\\/]assets[\\/]/.test(file) ? 'public, max-age=31536000, immutable' : 'no-store';
}

const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

export interface AppOptions {
  logger?: boolean;
  serveWeb?: boolean;
  /** Where the log goes (tests read it); stdout by default. */
  logStream?: { write(line: string): void };
  /** PostgreSQL: the connection pool, whose usage /metrics reports. */
  pool?: PoolLike;
}
export interface RegisteredRoute { method: string; url: string; hidden: boolean }

declare module 'fastify' {
  interface FastifyInstance {
    registeredRoutes: RegisteredRoute[];
  }
}

export async function buildApp(deps: Deps, options: AppOptions = {}): Promise<FastifyInstance> {
  if (options.logger) {
    setupLogging({
      level: deps.config.logLevel,
      levels: deps.config.logLevels,
      stream: options.logStream,
      // JSON lines in production (for the journal and log collectors); readable lines at a
      // developer's terminal.
      pretty: deps.config.env === 'development' && process.stdout.isTTY,
    });
  }
  const app = Fastify({
    // The module `http`: Fastify's request lines, the routes' and the error handler's.
    loggerInstance: options.logger ? (log('http') as FastifyBaseLogger) : undefined,
    childLoggerFactory: (logger, bindings, opts) => boundToRequest(logger.child(bindings, opts)),
    // Only the listed reverse proxies' X-Forwarded-For is believed (request.ip, per-address limits, logs).
    trustProxy: deps.config.trustProxy.length > 0 ? deps.config.trustProxy : false,
    genReqId: () => deps.newId(),
    requestIdHeader: false,
    bodyLimit: 5 * 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  // Everything a request sets off runs in its context, so that every log line it causes — in a use
  // case, a repository — carries its reqId (src/logging.ts). The first hook: the others, the body's
  // reading and the handler all run inside it (test/ops-logs.test.ts sends a body in two parts).
  app.addHook('onRequest', (request, _reply, done) => runInRequest(request.id, done));
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
    // API answers carry personal or financial data (or refusals about them): no cache, shared or
    // private, may keep them. A route that means to be cached sets its own Cache-Control.
    if (request.routeOptions.url?.startsWith('/api/') && !reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
  });

  await app.register(cookie);
  // Security headers: the helmet middleware is built once here and applied to every request.
  // @fastify/helmet 13 rebuilt it (re-parsing the CSP directives) on each request, about 10 % of
  // the server's CPU on a trivial route.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
        connectSrc: ["'self'"],
        mediaSrc: ["'self'", 'blob:'],
        workerSrc: ["'self'", 'blob:'],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: deps.config.env === 'production',
  });
  app.addHook('onRequest', (request, reply, done) => {
    securityHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined));
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'passnum — API',
        version: VERSION,
        description:
          'API JSON de passnum : toutes les actions de l’application web. Authentification par cookie de session (avec en-tête x-csrf-token pour les écritures) ou par jeton Bearer d’intégration.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'passnum_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });
  // Every route registered from here on (all of the API) is recorded, so a test can prove that
  // /api/openapi.json documents each one.
  const registeredRoutes: RegisteredRoute[] = [];
  app.decorate('registeredRoutes', registeredRoutes);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) registeredRoutes.push({ method: String(method), url: route.url, hidden: !!(route.schema as { hide?: boolean } | undefined)?.hide });
  });
  app.get(
    '/api/openapi.json',
    { schema: { tags: ['documentation'], summary: 'Le document OpenAPI de cette API', security: [] }, config: { auth: 'public' } },
    async () => app.swagger(),
  );

  registerAuth(app, deps);
  registerSecurityLog(app, deps);
  registerMetrics(app, deps, { token: deps.config.metricsToken, pool: options.pool });
  registerInputGuard(app);
  for (const route of routes) await app.register(route, deps);

  if (options.serveWeb !== false && existsSync(WEB_DIST)) {
    await app.register(fastifyStatic, {
      root: WEB_DIST,
      wildcard: false,
      // The build writes .br and .gz copies (web/vite.config.ts); the best one the browser accepts is sent.
      preCompressed: true,
      cacheControl: false,
      setHeaders: (res, file) => {
        res.setHeader('Cache-Control', staticCacheControl(file));
        // The same address answers in Brotli, gzip or plain: caches on the way must keep them apart.
        res.setHeader('Vary', 'Accept-Encoding');
      },
    });
    app.setNotFoundHandler((request, reply) => {
      if (request.url.startsWith('/api/') || request.method !== 'GET') {
        return reply.status(404).send({ code: 'not_found', message: 'Cette adresse n’existe pas.', details: {} });
      }
      return reply.sendFile('index.html');
    });
  } else {
    app.setNotFoundHandler((_request, reply) =>
      reply.status(404).send({ code: 'not_found', message: 'Cette adresse n’existe pas.', details: {} }),
    );
  }
  return app;
}
