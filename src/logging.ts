import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { type DestinationStream, type Logger } from 'pino';
import { logRedactPaths, logSerializers } from './http/log-redaction.ts';

// One log for the whole process, written by module: each module's lines carry `module` and pass its
// own level (LOG_LEVEL for all, PASSNUM_LOG_LEVELS for some, e.g. "jobs=debug,http=warn"), so an
// operator can follow the jobs closely without drowning in request lines. Every line written while
// a request is handled — by the route, a use case, a repository — carries that request's `reqId`:
// the request's asynchronous context holds it, and the logger adds it to each line (mixin below).

/** The modules that write to the log, as PASSNUM_LOG_LEVELS names them. */
export const LOG_MODULES = ['http', 'jobs', 'outbox', 'db', 'audit', 'proconnect', 'metrics'] as const;
export type LogModule = (typeof LOG_MODULES)[number];
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevels = Partial<Record<LogModule, string>>;

export function parseLogLevel(value: string | undefined, fallback: string): string {
  const level = value?.trim().toLowerCase() || fallback;
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new Error(`LOG_LEVEL : « ${value} » n’est pas un niveau de journal (niveaux : ${LOG_LEVELS.join(', ')}).`);
  }
  return level;
}

/** PASSNUM_LOG_LEVELS: `module=niveau` pairs separated by commas; a wrong name stops the start. */
export function parseLogLevels(value: string | undefined): LogLevels {
  const levels: LogLevels = {};
  for (const entry of (value ?? '').split(',').map((e) => e.trim()).filter(Boolean)) {
    const [name, level, extra] = entry.split('=').map((s) => s.trim().toLowerCase());
    if (!(LOG_MODULES as readonly string[]).includes(name) || !(LOG_LEVELS as readonly string[]).includes(level) || extra !== undefined) {
      throw new Error(
        `PASSNUM_LOG_LEVELS : « ${entry} » n’est pas de la forme module=niveau (modules : ${LOG_MODULES.join(', ')} ; niveaux : ${LOG_LEVELS.join(', ')}).`,
      );
    }
    levels[name as LogModule] = level;
  }
  return levels;
}

const requestContext = new AsyncLocalStorage<{ reqId: string }>();

/** Runs `fn` (and everything it starts) as part of request `reqId`: its log lines carry that id. */
export function runInRequest<T>(reqId: string, fn: () => T): T {
  return requestContext.run({ reqId }, fn);
}

// Fastify's request loggers already bind `reqId`: the mixin leaves their lines alone (no duplicate key).
const BOUND_TO_REQUEST = Symbol('passnum.log.boundToRequest');

/** Marks a request's logger (Fastify's childLoggerFactory): its lines carry their reqId already. */
export function boundToRequest<L extends object>(logger: L): L {
  (logger as L & { [BOUND_TO_REQUEST]?: true })[BOUND_TO_REQUEST] = true;
  return logger;
}

export interface LoggingOptions {
  /** Every module's level unless `levels` names it. */
  level: string;
  levels?: LogLevels;
  /** Where the lines go (tests read them); stdout by default. */
  stream?: DestinationStream;
  /** Readable lines (pino-pretty) instead of JSON: a developer's terminal. */
  pretty?: boolean;
}

let root: Logger = pino({ level: 'silent' });
let moduleLevels: LogLevels = {};
const modules = new Map<LogModule, Logger>();

/** Sets where and how much the process logs; until called (CLI commands, most tests), nothing is written. */
export function setupLogging(opts: LoggingOptions): void {
  const destination =
    opts.stream ??
    (opts.pretty ? pino.transport({ target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } }) : undefined);
  const options: pino.LoggerOptions = {
    level: opts.level,
    serializers: logSerializers,
    redact: logRedactPaths,
    mixin(_object, _level, logger) {
      const store = requestContext.getStore();
      if (!store || (logger as { [BOUND_TO_REQUEST]?: true })[BOUND_TO_REQUEST]) return {};
      return { reqId: store.reqId };
    },
  };
  root = destination ? pino(options, destination) : pino(options);
  moduleLevels = opts.levels ?? {};
  modules.clear();
}

/** The logger of one module, at its own level. */
export function log(module: LogModule): Logger {
  let logger = modules.get(module);
  if (!logger) {
    logger = root.child({ module }, { level: moduleLevels[module] ?? root.level });
    modules.set(module, logger);
  }
  return logger;
}
