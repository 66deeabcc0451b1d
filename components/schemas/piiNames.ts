/**
 * Field names that look like personal data, so a schema that forgot an annotation gets a warning.
 * A name is split into lower-case words (`customerEmail`, `customer_email` → customer, email) and
 * matched on whole words, so `domain` never reads as `mail` nor `zipped` as `zip`.
 */

/** The PII category a name suggests, with the words (or word pairs) that suggest it. */
const SUGGESTIONS: readonly { category: string; matches: (words: readonly string[], joined: string) => boolean }[] = [
  { category: "ip-address", matches: (w, j) => w.includes("ip") || /^ip(v[46])?(address|addr)?$/.test(j) || w.includes("ipv4") || w.includes("ipv6") },
  { category: "email", matches: (w, j) => w.includes("email") || w.includes("mail") || j.includes("emailaddress") },
  { category: "phone", matches: (w, j) => ["phone", "mobile", "msisdn", "telephone", "cell"].some((x) => w.includes(x)) || j.includes("phonenumber") },
  {
    category: "birth-date",
    matches: (w, j) => w.includes("dob") || w.includes("birthday") || w.includes("birthdate") || j.includes("dateofbirth") || (w.includes("birth") && w.includes("date")),
  },
  {
    category: "national-id",
    matches: (w, j) =>
      ["ssn", "nino", "passport", "nationalid"].some((x) => w.includes(x)) ||
      (w.includes("national") && w.includes("id")) ||
      (w.includes("social") && w.includes("security")) ||
      (w.includes("tax") && w.includes("id")) ||
      j.includes("nationalid"),
  },
  {
    category: "payment-card",
    matches: (w, j) =>
      w.includes("pan") || j.includes("cardnumber") || j.includes("creditcard") || (w.includes("card") && ["number", "no", "num"].some((x) => w.includes(x))),
  },
  {
    category: "postal-address",
    matches: (w) => w.includes("address") || ["street", "postcode", "zip", "zipcode"].some((x) => w.includes(x)) || (w.includes("postal") && w.includes("code")),
  },
  {
    category: "name",
    matches: (w, j) =>
      ["firstname", "lastname", "fullname", "surname", "forename", "givenname", "familyname", "middlename", "maidenname"].some((x) => j.endsWith(x)) ||
      (w[w.length - 1] === "name" &&
        (w.length === 1 || ["first", "last", "full", "given", "family", "middle", "maiden", "customer", "cardholder", "holder", "person", "user", "contact", "account", "recipient", "billing", "shipping"].includes(w[w.length - 2]))),
  },
];

/** A name's lower-case words: split at `_`, `-`, `.`, digits boundaries and camelCase humps. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== "")
    .map((w) => w.toLowerCase());
}

/** The PII category a field's name suggests, or undefined when it looks harmless. */
export function suggestedPiiCategory(name: string): string | undefined {
  const words = nameWords(name);
  const joined = words.join("");
  return SUGGESTIONS.find((s) => s.matches(words, joined))?.category;
}
