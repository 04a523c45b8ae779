/**
 * How every command-line script here ends: embedded PostgreSQL, pg pools and
 * servers may keep handles open once the work is done, so the process exits
 * at once, 0 when `main` resolved, 1 (the error printed) when it failed.
 */
export function runScript(main: () => Promise<void>, describe: (error: unknown) => unknown = (error) => error): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(describe(error));
      process.exit(1);
    },
  );
}
