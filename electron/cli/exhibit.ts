#!/usr/bin/env node
/** Entry point of the `exhibit` command. */
import { tolerateClosedPipe } from './output.ts';
import { run } from './run.ts';

// `exhibit documents | head -1` closes the pipe early: that ends the output, not in a stack trace.
tolerateClosedPipe(process.stdout);
tolerateClosedPipe(process.stderr);

process.exitCode = await run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
