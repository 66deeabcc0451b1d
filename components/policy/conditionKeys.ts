/** IAM condition keys over tags, from the tag keys of conventions/tags. */

/** `aws:ResourceTag/<key>`: the tag on the resource a request reaches. */
export function resourceTag(key: string): string {
  return `aws:ResourceTag/${key}`;
}

/** `aws:PrincipalTag/<key>`: the tag on the role making the request. */
export function principalTag(key: string): string {
  return `aws:PrincipalTag/${key}`;
}
