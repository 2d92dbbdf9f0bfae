/**
 * Runs a command's main and exits with its code; anything it throws (an AppError refusing in words,
 * a database that is down) is printed as its message alone, exit code 1.
 */
export function runCli(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : String(e));
      process.exit(1);
    },
  );
}
