/** Statement ids are alphanumeric: `consume`, `order-facts` becomes `ConsumeOrderFacts`. */
export function sid(...words: string[]): string {
  return words
    .flatMap((w) => w.split(/[^A-Za-z0-9]+/))
    .filter((w) => w !== "")
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join("");
}
