#!/usr/bin/env node
// The `meshkit` command: parse, run, and turn any failure into an exit status with a one-line reason.
import { run } from "./program";

run(process.argv).then((code) => {
  process.exitCode = code;
});
