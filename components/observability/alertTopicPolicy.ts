/**
 * The policy of a domain's alert topic: the domain's CloudWatch alarms and this account's
 * EventBridge rules publish, each confined by `aws:SourceAccount` and `aws:SourceArn` (the
 * confused-deputy guard AWS recommends for service principals); nobody else publishes, and only the platform's deploying
 * role subscribes, so an alert cannot be faked and nobody listens in on a domain's incidents.
 */
import { CLOUDWATCH_SERVICE, EVENTBRIDGE_SERVICE } from "../../conventions";
import type { PolicyDocument } from "../policy/policyDocument";

export interface AlertTopicPolicyArgs {
  readonly topicArn: string;
  readonly accountId: string;
  /** `aws:SourceArn` pattern of the alarms that may publish. */
  readonly alarmSourceArn: string;
  /** `aws:SourceArn` pattern of the EventBridge rules that may publish. */
  readonly ruleSourceArn: string;
  /** The role that deploys the platform: it creates the stewards' and endpoints' subscriptions. */
  readonly subscriberRoleArn: string;
}

export function alertTopicPolicy(args: AlertTopicPolicyArgs): PolicyDocument {
  const publishedBy = (sid: string, service: string, sourceArn: string) => ({
    Sid: sid,
    Effect: "Allow" as const,
    Principal: { Service: service },
    Action: "sns:Publish",
    Resource: args.topicArn,
    Condition: { StringEquals: { "aws:SourceAccount": args.accountId }, ArnLike: { "aws:SourceArn": sourceArn } },
  });
  return {
    Version: "2012-10-17",
    Statement: [
      publishedBy("AlarmsPublish", CLOUDWATCH_SERVICE, args.alarmSourceArn),
      publishedBy("RulesPublish", EVENTBRIDGE_SERVICE, args.ruleSourceArn),
      {
        // An identity policy in this account would otherwise suffice to publish: deny every
        // principal that is not one of the two services.
        Sid: "OnlyServicesPublish",
        Effect: "Deny",
        Principal: "*",
        Action: "sns:Publish",
        Resource: args.topicArn,
        Condition: { StringNotEqualsIfExists: { "aws:PrincipalServiceName": [CLOUDWATCH_SERVICE, EVENTBRIDGE_SERVICE] } },
      },
      {
        Sid: "OnlyPlatformSubscribes",
        Effect: "Deny",
        Principal: "*",
        Action: "sns:Subscribe",
        Resource: args.topicArn,
        Condition: { ArnNotEquals: { "aws:PrincipalArn": args.subscriberRoleArn } },
      },
    ],
  };
}
