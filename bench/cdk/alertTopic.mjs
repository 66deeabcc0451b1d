// A domain's alert topic as components/observability/domainAlerts.ts builds it: an SNS topic encrypted with
// the domain key, whose key policy admits the two publishing services (components/keys/keyPolicy.ts); a
// topic policy (alertTopicPolicy.ts) letting only the domain's alarms and this account's EventBridge rules
// publish and only the platform role subscribe; the stewards subscribed by e-mail, the manifest's incident
// endpoints by HTTPS.
import { createRequire } from "node:module";
import { conventions, KMS_TOPIC_PUBLISHING } from "./meshkit.mjs";

const require = createRequire(import.meta.url);
const cdk = require("aws-cdk-lib");
const { aws_iam: iam, aws_sns: sns, aws_sns_subscriptions: subscriptions } = cdk;
const { alarmNamePrefix, alertTopicName, CLOUDWATCH_SERVICE, EVENTBRIDGE_SERVICE } = conventions;

/** `platform` holds the account, region and platform administrator role; returns the topic. */
export function alertTopic(stack, spec, env, domainKey, platform) {
  const domain = spec.metadata.name;
  const sourceAccount = { StringEquals: { "aws:SourceAccount": platform.accountId } };
  const alarmSourceArn = `arn:aws:cloudwatch:${platform.region}:${platform.accountId}:alarm:${alarmNamePrefix(env, domain)}*`;
  const ruleSourceArn = `arn:aws:events:${platform.region}:${platform.accountId}:rule/*`;

  // EventBridge's requests to KMS carry no source keys, so its grant is the service alone (as meshkit's).
  domainKey.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: "AlarmsPublishAlerts",
      principals: [new iam.ServicePrincipal(CLOUDWATCH_SERVICE)],
      actions: KMS_TOPIC_PUBLISHING,
      resources: ["*"],
      conditions: { ...sourceAccount, ArnLike: { "aws:SourceArn": alarmSourceArn } },
    }),
  );
  domainKey.addToResourcePolicy(
    new iam.PolicyStatement({ sid: "RulesPublishAlerts", principals: [new iam.ServicePrincipal(EVENTBRIDGE_SERVICE)], actions: KMS_TOPIC_PUBLISHING, resources: ["*"] }),
  );

  const topic = new sns.Topic(stack, "Alerts", { topicName: alertTopicName(env, domain), displayName: `meshkit ${env} ${domain} alerts`, masterKey: domainKey });
  const publishedBy = (sid, service, sourceArn) =>
    new iam.PolicyStatement({
      sid,
      principals: [new iam.ServicePrincipal(service)],
      actions: ["sns:Publish"],
      resources: [topic.topicArn],
      conditions: { ...sourceAccount, ArnLike: { "aws:SourceArn": sourceArn } },
    });
  const denyAll = (sid, action, conditions) =>
    new iam.PolicyStatement({ sid, effect: iam.Effect.DENY, principals: [new iam.AnyPrincipal()], actions: [action], resources: [topic.topicArn], conditions });
  topic.addToResourcePolicy(publishedBy("AlarmsPublish", CLOUDWATCH_SERVICE, alarmSourceArn));
  topic.addToResourcePolicy(publishedBy("RulesPublish", EVENTBRIDGE_SERVICE, ruleSourceArn));
  topic.addToResourcePolicy(denyAll("OnlyServicesPublish", "sns:Publish", { StringNotEqualsIfExists: { "aws:PrincipalServiceName": [CLOUDWATCH_SERVICE, EVENTBRIDGE_SERVICE] } }));
  topic.addToResourcePolicy(denyAll("OnlyPlatformSubscribes", "sns:Subscribe", { ArnNotEquals: { "aws:PrincipalArn": platform.platformAdminRoleArn } }));

  for (const email of spec.metadata.stewards) topic.addSubscription(new subscriptions.EmailSubscription(email));
  // meshkit makes a URL that carries a credential a Pulumi secret; a CloudFormation template holds it in
  // clear unless it comes from a dynamic reference. The bench's generator writes no incident endpoints.
  for (const { url } of spec.metadata.incidentEndpoints ?? []) {
    topic.addSubscription(new subscriptions.UrlSubscription(url, { protocol: sns.SubscriptionProtocol.HTTPS }));
  }
  return topic;
}
