import { ConfigError } from './env.js';

/**
 * The first lines of every process (service, push worker, staff bot): read the settings; a bad
 * one prints every problem (ConfigError names each variable) and exits 1 before anything starts.
 */
export function readConfigOrExit<T>(read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
}

/**
 * A process beside the service (worker, staff bot) shares its servers: the embedded PGlite and the
 * in-process store belong to the service's process. Each missing need is printed, then exit.
 */
export function exitUnlessProvided(header: string, needs: readonly (string | false | undefined)[], exitCode: number): void {
  const missing = needs.filter((n): n is string => typeof n === 'string' && n.length > 0);
  if (!missing.length) return;
  console.error(`${header}\n${missing.map((m) => `  - ${m}`).join('\n')}`);
  process.exit(exitCode);
}
