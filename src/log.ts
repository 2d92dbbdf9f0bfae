import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * JSON logs for operators. Secrets never reach a log line: the redact list covers every place a
 * token, secret, key, password or cookie could appear in a logged object.
 */
export function createLogger(level: string = 'info', destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'minsheng-wechat' },
    redact: {
      paths: [
        'token',
        'appSecret',
        'secret',
        'aesKey',
        'aesKeyPrevious',
        'password',
        'access_token',
        '*.token',
        '*.appSecret',
        '*.secret',
        '*.aesKey',
        '*.aesKeyPrevious',
        '*.password',
        '*.access_token',
        'req.headers.cookie',
        'req.headers.authorization',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** A logger that writes nothing: the default in unit tests. */
export const silentLogger: Logger = pino({ level: 'silent' });
