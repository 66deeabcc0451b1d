// Where each domain is deployed, from the project's stack configs: the environments, accounts and
// Kafka clusters a contract's servers name. Stacks deploying the same domain to the same
// environment and account (the platform stack and a team's own) are one deployment.
import { loadStack } from "../../engine";
import { isEnvironment, ENVIRONMENTS } from "../../conventions";
import type { ContractDeployment } from "../../components/contracts/odcsContract";
import { projectStacks } from "../stacks/changeFacts";

function kafkaBootstrapServers(value: string | undefined): string[] {
  try {
    const servers = (JSON.parse(value ?? "{}") as { bootstrapServers?: unknown }).bootstrapServers;
    return Array.isArray(servers) ? servers.filter((s): s is string => typeof s === "string") : [];
  } catch {
    return [];
  }
}

/** Deployments by domain name, in environment order then account. */
export function domainDeployments(projectDir: string): Map<string, ContractDeployment[]> {
  const byDomain = new Map<string, ContractDeployment[]>();
  for (const stack of projectStacks(projectDir).stacks) {
    const { config } = loadStack(projectDir, stack.name);
    const environment = config["meshkit:environment"];
    const accountId = config["meshkit:accountId"];
    if (environment === undefined || !isEnvironment(environment) || accountId === undefined) continue;
    const deployment: ContractDeployment = { environment, accountId, kafkaBootstrapServers: kafkaBootstrapServers(config["meshkit:kafka"]) };
    for (const domain of stack.domains) {
      const known = byDomain.get(domain) ?? [];
      if (!known.some((d) => d.environment === environment && d.accountId === accountId)) known.push(deployment);
      byDomain.set(domain, known);
    }
  }
  const order = (d: ContractDeployment) => ENVIRONMENTS.indexOf(d.environment);
  for (const list of byDomain.values()) list.sort((a, b) => order(a) - order(b) || a.accountId.localeCompare(b.accountId));
  return byDomain;
}
