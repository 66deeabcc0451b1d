/**
 * Records what the mocks' `newResource` callback does not see: each registration's URN, parent
 * and resource options, by wrapping the mock monitor. Call after `installMocks()`.
 */
import * as pulumi from "@pulumi/pulumi";

export interface Registration {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  readonly parent: string;
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
}

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getProtect(): boolean | undefined;
  getRetainondelete(): boolean | undefined;
}
type Callback = (err: unknown, response?: { getUrn(): string }) => void;

export function captureRegistrations(): Registration[] {
  const monitor = pulumi.runtime.getMonitor() as unknown as { registerResource(req: RegisterRequest, cb: Callback): unknown } | undefined;
  if (monitor === undefined) throw new Error("captureRegistrations: install the mocks first");
  const registrations: Registration[] = [];
  const original = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, cb) =>
    original(req, (err, response) => {
      if (response !== undefined) {
        registrations.push({
          type: req.getType(),
          name: req.getName(),
          urn: response.getUrn(),
          parent: req.getParent(),
          protect: req.getProtect() ?? false,
          retainOnDelete: req.getRetainondelete() ?? false,
        });
      }
      cb(err, response);
    });
  return registrations;
}
