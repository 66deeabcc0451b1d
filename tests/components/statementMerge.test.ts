import { describe, expect, it } from "vitest";
import { mergeBySid } from "../../components/access/statementMerge";

describe("mergeBySid", () => {
  it("lists the resources of statements sharing a Sid once, keeping order", () => {
    const read = (resource: string) => ({ Sid: "Read", Effect: "Allow" as const, Action: ["s3:GetObject"], Resource: resource });
    const keys = { Sid: "Keys", Effect: "Allow" as const, Action: "kms:Decrypt", Resource: "arn:aws:kms:eu-west-1:1:key/*" };
    expect(mergeBySid([read("arn:aws:s3:::a/*"), keys, read("arn:aws:s3:::b/*"), read("arn:aws:s3:::a/*")])).toEqual([
      { ...read("arn:aws:s3:::a/*"), Resource: ["arn:aws:s3:::a/*", "arn:aws:s3:::b/*"] },
      keys,
    ]);
  });

  it("refuses to fold statements that grant different things under one Sid", () => {
    expect(() =>
      mergeBySid([
        { Sid: "Read", Effect: "Allow", Action: ["s3:GetObject"], Resource: "arn:aws:s3:::a/*" },
        { Sid: "Read", Effect: "Allow", Action: ["s3:PutObject"], Resource: "arn:aws:s3:::b/*" },
      ]),
    ).toThrow(/cannot share a Sid/);
  });
});
