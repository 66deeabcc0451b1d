// Runs one command and measures it as a user would feel it: wall time, CPU time of the whole process tree
// (user + system, children included once waited for), and peak memory as the sum of the tree's RSS,
// sampled from /proc (a tree's peak is not what /usr/bin/time reports: that is the largest single process).
import { spawn } from "node:child_process";
import * as fs from "node:fs";

const SAMPLE_MS = 20;
const CLOCK_TICKS = 100; // USER_HZ on Linux

function children(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").split(" ").filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function rssKb(pid) {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

function treeRssKb(root) {
  let sum = 0;
  const todo = [root];
  while (todo.length) {
    const pid = todo.pop();
    sum += rssKb(pid);
    todo.push(...children(pid));
  }
  return sum;
}

/**
 * Runs `argv` under `sh`, which waits for it and then prints its own children's CPU ticks (cutime and
 * cstime in /proc/self/stat: the command and every descendant it reaped) on fd 3.
 */
export function measure(argv, { cwd, env } = {}) {
  const quoted = argv.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(" ");
  const script = `${quoted} >"$MEASURE_OUT" 2>"$MEASURE_ERR"; status=$?; cat /proc/$$/stat >&3; exit $status`;
  const out = `${fs.mkdtempSync("/tmp/meshkit-measure-")}`;
  const started = process.hrtime.bigint();
  const child = spawn("sh", ["-c", script], {
    cwd,
    env: { ...process.env, ...env, MEASURE_OUT: `${out}/stdout`, MEASURE_ERR: `${out}/stderr` },
    stdio: ["ignore", "ignore", "inherit", "pipe"],
  });
  let stat = "";
  child.stdio[3].on("data", (c) => (stat += c));
  let peakKb = 0;
  const sampler = setInterval(() => {
    peakKb = Math.max(peakKb, treeRssKb(child.pid));
  }, SAMPLE_MS);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (status) => {
      clearInterval(sampler);
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      // Fields after the parenthesised command name; cutime and cstime are the 16th and 17th of the line.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const cpuMs = ((Number(fields[13]) + Number(fields[14])) * 1000) / CLOCK_TICKS;
      const stdout = fs.readFileSync(`${out}/stdout`, "utf8");
      const stderr = fs.readFileSync(`${out}/stderr`, "utf8");
      fs.rmSync(out, { recursive: true, force: true });
      resolve({ status, wallMs, cpuMs, peakMb: peakKb / 1024, stdout, stderr });
    });
  });
}
