/**
 * Key policy of a domain's KMS keys: administrators manage, users use, nobody does both.
 *
 * Users are named by `aws:PrincipalArn` conditions on the account principal, not as principals:
 * KMS rejects a policy naming a role that does not exist yet ("invalid principal"), and a consumer
 * domain's roles may live in a stack deployed later. The account principal also means the caller's
 * own IAM policy must allow the call too, so the role's permissions boundary applies: both sides
 * have to agree before anyone decrypts. Administrators (the platform role, which exists before any
 * domain) are named directly and get no data actions and no CreateGrant.
 */
import { CLOUDWATCH_SERVICE, EVENTBRIDGE_SERVICE } from "../../conventions";
import type { PolicyDocument, PolicyStatement } from "../policy/policyDocument";
import { encryptionContextConditionKey, type EncryptionContextEntry } from "../policy/encryptionContext";
import { KMS_ADMINISTRATION, KMS_DECRYPT, KMS_DESCRIBE, KMS_ENCRYPT, KMS_TOPIC_PUBLISHING } from "../policy/kmsActions";
import { sid } from "../policy/policySid";

export interface KeyConsumerGrant {
  readonly product: string;
  /**
   * Set for a previous major of a stream, which has its own topic and so its own context: its
   * statement is `Consume<major><Product>` beside the current major's `Consume<Product>`.
   */
  readonly previousMajor?: number;
  /** Roles of the consumer domains that read the product. */
  readonly readers: readonly string[];
  /** The product's encryption context: consumers decrypt that product's data only. */
  readonly context: EncryptionContextEntry;
}

/**
 * The services that publish to the domain's alert topic, which the key encrypts: CloudWatch for
 * alarms, EventBridge for rules. Without their grant the topic drops every notification silently.
 */
export interface AlertPublishingGrant {
  /** The account whose alarms may use the key (`aws:SourceAccount`). */
  readonly sourceAccount: string;
  /** `aws:SourceArn` pattern of the alarms that may use it. */
  readonly alarmSourceArn: string;
}

export interface KeyPolicyArgs {
  /** `arn:<partition>:iam::<account>:root`. */
  readonly accountRootArn: string;
  /** Roles that administer the key; the deploying role must be one of them (KMS lockout check). */
  readonly administrators: readonly string[];
  /** The owning domain's roles that read every product under the key. */
  readonly readers: readonly string[];
  /** The owning domain's roles that write every product under the key. */
  readonly writers: readonly string[];
  /** Granted consumers, per product under the key. */
  readonly consumers: readonly KeyConsumerGrant[];
  /** Set on the key that encrypts the domain's alert topic. */
  readonly alertPublishing?: AlertPublishingGrant;
}

export function keyPolicy(args: KeyPolicyArgs): PolicyDocument {
  const account = { AWS: args.accountRootArn };
  const principalIn = (arns: readonly string[]) => ({ ArnEquals: { "aws:PrincipalArn": [...arns] } });
  const statements: PolicyStatement[] = [
    { Sid: "KeyAdministration", Effect: "Allow", Principal: { AWS: [...args.administrators] }, Action: KMS_ADMINISTRATION, Resource: "*" },
  ];
  if (args.readers.length > 0) {
    statements.push({ Sid: "DomainRead", Effect: "Allow", Principal: account, Action: [...KMS_DECRYPT, ...KMS_DESCRIBE], Resource: "*", Condition: principalIn(args.readers) });
  }
  if (args.writers.length > 0) {
    statements.push({ Sid: "DomainWrite", Effect: "Allow", Principal: account, Action: KMS_ENCRYPT, Resource: "*", Condition: principalIn(args.writers) });
  }
  for (const grant of args.consumers) {
    if (grant.readers.length === 0) continue;
    statements.push({
      // A word of digits becomes `X<digits>`, which no product name's first word can spell.
      Sid: grant.previousMajor === undefined ? sid("consume", grant.product) : sid("consume", String(grant.previousMajor), grant.product),
      Effect: "Allow",
      Principal: account,
      Action: KMS_DECRYPT,
      Resource: "*",
      Condition: { ...principalIn(grant.readers), StringEquals: { [encryptionContextConditionKey(grant.context)]: grant.context.value } },
    });
  }
  if (args.alertPublishing !== undefined) statements.push(...alertPublishingStatements(args.alertPublishing));
  return { Version: "2012-10-17", Statement: statements };
}

/**
 * CloudWatch's requests carry the alarm as `aws:SourceArn`, so its grant is confined to the
 * domain's alarms. EventBridge's requests to KMS carry no source keys (the EventBridge user guide
 * says so for encrypted SNS targets): a condition on them would drop every event, so its grant is
 * the service principal alone, and the topic policy confines which rules may publish at all.
 */
function alertPublishingStatements(grant: AlertPublishingGrant): PolicyStatement[] {
  return [
    {
      Sid: "AlarmsPublishAlerts",
      Effect: "Allow",
      Principal: { Service: CLOUDWATCH_SERVICE },
      Action: KMS_TOPIC_PUBLISHING,
      Resource: "*",
      Condition: { StringEquals: { "aws:SourceAccount": grant.sourceAccount }, ArnLike: { "aws:SourceArn": grant.alarmSourceArn } },
    },
    { Sid: "RulesPublishAlerts", Effect: "Allow", Principal: { Service: EVENTBRIDGE_SERVICE }, Action: KMS_TOPIC_PUBLISHING, Resource: "*" },
  ];
}
