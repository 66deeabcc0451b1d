/**
 * Statement ids are alphanumeric: `consume`, `order-facts` becomes `ConsumeOrderFacts`. Each word
 * starts upper-case, which keeps the words apart; a word that starts with a digit has no upper
 * case, so it is written `X<word>` (`events-2` → `EventsX2`), and a word that starts with `x` is
 * written `Xx…` so the two can never meet: different names never share an id.
 */
export function sid(...words: string[]): string {
  return words
    .flatMap((w) => w.split(/[^A-Za-z0-9]+/))
    .filter((w) => w !== "")
    .map(capitalised)
    .join("");
}

function capitalised(word: string): string {
  if (/^[0-9]/.test(word)) return `X${word}`;
  if (word[0] === "x" || word[0] === "X") return `Xx${word.slice(1)}`;
  return word[0].toUpperCase() + word.slice(1);
}
