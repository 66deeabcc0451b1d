// Folds the benchmark's runs into medians per size and tool, and renders them as Markdown.

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** One row per size and tool: medians of wall, CPU and peak memory; resources from the last run. */
export function summarize(runs) {
  const groups = new Map();
  for (const r of runs) {
    const key = `${r.domains}\u0000${r.tool}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(r);
  }
  const rows = [...groups.values()].map((g) => {
    const { domains, deployed, tool, resources } = g[g.length - 1];
    const wallMs = median(g.map((r) => r.wallMs));
    return {
      domains,
      tool,
      runs: g.length,
      wallMs,
      cpuMs: median(g.map((r) => r.cpuMs)),
      peakMb: median(g.map((r) => r.peakMb)),
      resources,
      resourcesPerSecond: resources / (wallMs / 1000),
      msPerDomain: wallMs / deployed,
      findings: g[g.length - 1].findings,
    };
  });
  // meshkit against each CDK variant at the same size, on wall time (per domain is the same ratio).
  for (const row of rows) {
    if (row.tool === "meshkit") continue;
    const mine = rows.find((r) => r.domains === row.domains && r.tool === "meshkit");
    if (mine) {
      row.ratioWall = mine.wallMs / row.wallMs;
      row.ratioCpu = mine.cpuMs / row.cpuMs;
    }
  }
  return rows;
}

const int = (n) => Math.round(n).toLocaleString("en-US");
const fixed = (n, d = 2) => (n === undefined ? "—" : n.toFixed(d));

export function markdown(rows, meta) {
  const lines = [
    "# meshkit review vs AWS CDK + cdk-nag",
    "",
    `Run ${meta.date} on ${meta.machine}; ${meta.commit}. Load average before/after: ${meta.loadBefore} / ${meta.loadAfter}.`,
    "",
    "| domains | tool | runs | wall ms | CPU ms | resources | resources/s | peak MB | ms/domain | meshkit/CDK wall | meshkit/CDK CPU |",
    "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.domains} | ${r.tool} | ${r.runs} | ${int(r.wallMs)} | ${int(r.cpuMs)} | ${int(r.resources)} | ${int(r.resourcesPerSecond)} | ${int(r.peakMb)} | ${fixed(r.msPerDomain, 1)} | ${fixed(r.ratioWall)} | ${fixed(r.ratioCpu)} |`,
    );
  }
  lines.push(
    "",
    "- meshkit: `meshkit review --stack production --cwd <platform> --format json` (the built CLI, meshkit's compiled pack), resources as the report counts them (Pulumi resources, components included).",
    "- CDK: one stack per domain, synthesized in-process with cdk-nag `AwsSolutionsChecks`; `validation off` is `new App({ builtinCloudFormationValidation: false })` (same as `cdk synth --no-validation` / `CDK_VALIDATION=false`), `on` is the default. Resources are CloudFormation resources in the synthesized templates.",
    "- Medians over the runs; wall is elapsed time, CPU is user + system of the whole process tree, peak MB the highest sum of the tree's RSS (sampled every 20 ms).",
    "- Ratios > 1 mean meshkit is slower. Both build the same AWS infrastructure per domain (bench/README.md, Peer), but the counts differ: meshkit also plans Kafka topics and ACLs and Kubernetes objects (no CloudFormation counterpart) and counts components, and the Pulumi AWS provider splits an S3 bucket into several resources that CloudFormation holds in one; so ms/domain is the fair comparison.",
  );
  if (meta.notes.length) lines.push("", ...meta.notes.map((n) => `- ${n}`));
  return lines.join("\n") + "\n";
}
