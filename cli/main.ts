#!/usr/bin/env node
// The `meshkit` command: parse, run, and turn any failure into an exit status with a one-line reason.
import { exitQuietlyWhenStdoutCloses } from "./closedPipe";
import { run } from "./program";

exitQuietlyWhenStdoutCloses();
run(process.argv).then((code) => {
  process.exitCode = code;
});
