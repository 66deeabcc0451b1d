/** Where a field lives in a manifest's YAML: the line and column a person has to edit. */
import { isCollection, isMap, isScalar, type Document, type LineCounter, type Node, type Scalar } from "yaml";

export interface Place {
  readonly line: number;
  readonly column: number;
}

/** 1-based line and column of a character offset. */
export function placeOf(lineCounter: LineCounter, offset: number): Place {
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

/**
 * Position of the node at `path`, or of its nearest existing ancestor when the field is missing.
 * A block map or list starts on the line below its key, and an empty value has no text of its own,
 * so such a field is pinned to its key.
 */
export function fieldPlace(doc: Document, fieldAt: readonly PropertyKey[], lineCounter: LineCounter): Place {
  for (let depth = fieldAt.length; depth >= 0; depth--) {
    const nodePath = fieldAt.slice(0, depth);
    const node = doc.getIn(nodePath, true) as Node | undefined;
    if (!node?.range) continue;
    const last = nodePath[nodePath.length - 1];
    const startsElsewhere = (isCollection(node) && !node.flow) || node.range[0] === node.range[1];
    const key = startsElsewhere && typeof last === "string" ? keyNode(doc, nodePath.slice(0, -1), last) : undefined;
    return placeOf(lineCounter, (key?.range ?? node.range)[0]);
  }
  return { line: 1, column: 1 };
}

/** Position of `key` itself in the map at `parentPath`, else of that map. */
export function keyPlace(doc: Document, parentPath: readonly PropertyKey[], key: string, lineCounter: LineCounter): Place {
  const range = keyNode(doc, parentPath, key)?.range;
  return range ? placeOf(lineCounter, range[0]) : fieldPlace(doc, parentPath, lineCounter);
}

/** The key node of `key` in the map at `parentPath`, if that map holds it as a plain scalar key. */
function keyNode(doc: Document, parentPath: readonly PropertyKey[], key: string): Scalar | undefined {
  const parent = parentPath.length === 0 ? doc.contents : doc.getIn(parentPath, true);
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === key);
  return pair && isScalar(pair.key) ? pair.key : undefined;
}
