#!/usr/bin/env node
// Executable entry of `geo-param-graph`; everything else lives in cli.ts.
import { runCli } from './cli.js';

process.exitCode = runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
});
