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
 * The start of a process after its settings are read: a ConfigError found later (a CONSOLE_*
 * variable, a bad file under config/ or flows/, a database that cannot be opened) is printed as
 * its one line per problem, anything else as one line of its message, and the process exits 1.
 * No stack: the operator can act on the line, and a stack says nothing to them (LOG_LEVEL=debug
 * prints it for whoever debugs the start itself).
 */
export async function startOrExit<T>(start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (e) {
    if (e instanceof ConfigError) console.error(e.message);
    else {
      const first = (e instanceof Error ? e.message : String(e)).split('\n')[0];
      console.error(`Could not start: ${first}`);
      if (process.env.LOG_LEVEL === 'debug' || process.env.LOG_LEVEL === 'trace') console.error(e);
    }
    process.exit(1);
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
