/**
 * `meshkit:observability:DomainAlerts`: the domain's alert topic. One SNS topic per domain,
 * encrypted with the domain key (whose policy admits the publishing services), a topic policy that
 * lets only this account's CloudWatch alarms and EventBridge rules publish, the stewards subscribed
 * by e-mail and the manifest's incident endpoints by HTTPS. Anything that notifies the domain takes
 * `topicArn` as its `alertTopicArn`.
 *
 * The topic holds no data (SNS keeps no message once delivered), so it is not protected: deleting
 * it loses nothing but the subscriptions' confirmations.
 */
import * as aws from "../aws";
import * as pulumi from "@pulumi/pulumi";
import { alertTopicName } from "../../conventions";
import type { DomainContext } from "../domain/context";
import { alertTopicArn, anyEventRuleArn, domainAlarmsArn } from "../policy/arns";
import { alertTopicPolicy } from "./alertTopicPolicy";
import { carriesCredential } from "./endpointCredentials";

export interface DomainAlertsArgs {
  readonly context: DomainContext;
  /** The key that encrypts the topic: the domain key, whose policy admits CloudWatch and EventBridge. */
  readonly keyArn: pulumi.Input<string>;
}

export class DomainAlerts extends pulumi.ComponentResource {
  public readonly topic: aws.sns.Topic;
  /** The domain's alert topic; pass it as `alertTopicArn` to whatever notifies the domain. */
  public readonly topicArn: pulumi.Output<string>;
  public readonly topicPolicy: aws.sns.TopicPolicy;
  /** The stewards' e-mail subscriptions, by address. */
  public readonly stewardSubscriptions: Readonly<Record<string, aws.sns.TopicSubscription>>;
  /** The incident endpoints' HTTPS subscriptions, by the manifest's endpoint name. */
  public readonly endpointSubscriptions: Readonly<Record<string, aws.sns.TopicSubscription>>;

  constructor(name: string, args: DomainAlertsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("meshkit:observability:DomainAlerts", name, {}, opts);
    const { spec, profile, platform, tags } = args.context;
    const domain = spec.metadata.name;
    const child = { parent: this };

    this.topic = new aws.sns.Topic(
      `${name}-topic`,
      {
        name: alertTopicName(profile.environment, domain),
        displayName: `meshkit ${profile.environment} ${domain} alerts`,
        kmsMasterKeyId: args.keyArn,
        tags: { ...tags },
      },
      child,
    );
    this.topicArn = this.topic.arn;
    this.topicPolicy = new aws.sns.TopicPolicy(
      `${name}-topic-policy`,
      {
        arn: this.topic.arn,
        policy: JSON.stringify(
          alertTopicPolicy({
            topicArn: alertTopicArn(platform, profile, domain),
            accountId: platform.accountId,
            alarmSourceArn: domainAlarmsArn(platform, profile, domain),
            ruleSourceArn: anyEventRuleArn(platform),
            subscriberRoleArn: platform.platformAdminRoleArn,
          }),
        ),
      },
      child,
    );

    const subscribe = (part: string, protocol: string, endpoint: pulumi.Input<string>) =>
      new aws.sns.TopicSubscription(`${name}-${part}`, { topic: this.topic.arn, protocol, endpoint }, child);
    this.stewardSubscriptions = Object.fromEntries(
      spec.metadata.stewards.map((email) => [email, subscribe(`steward-${email.toLowerCase()}`, "email", email)]),
    );
    this.endpointSubscriptions = Object.fromEntries(
      spec.metadata.incidentEndpoints.map(({ name: endpoint, url }) => [
        endpoint,
        subscribe(`endpoint-${endpoint}`, "https", carriesCredential(url) ? pulumi.secret(url) : url),
      ]),
    );

    this.registerOutputs({
      topic: this.topic,
      topicArn: this.topicArn,
      topicPolicy: this.topicPolicy,
      stewardSubscriptions: this.stewardSubscriptions,
      endpointSubscriptions: this.endpointSubscriptions,
    });
  }
}
