/**
 * Major versions of a stream's contract that are deployed at once: the current major (from
 * `contract.version`) and the previous majors kept beside it until their sunsets, and the major
 * each consumer reads. Major versions migrate; they are not rewritten in place.
 */
import { majorVersion } from "./products";
import type { DataProduct } from "./schema";

export type PreviousMajor = NonNullable<DataProduct["contract"]["previousMajors"]>[number];
export type ProductConsumer = DataProduct["consumers"][number];

/** The previous majors the contract lists, in manifest order. */
export function previousMajorsOf(product: DataProduct): readonly PreviousMajor[] {
  return product.contract.previousMajors ?? [];
}

/** Every major whose topics exist: the current one first, then the previous ones in manifest order. */
export function deployedMajors(product: DataProduct): number[] {
  return [majorVersion(product), ...previousMajorsOf(product).map((p) => p.major)];
}

/** The major a consumer reads: the one it is pinned to, else the current one. */
export function consumerMajor(product: DataProduct, consumer: ProductConsumer): number {
  return consumer.major ?? majorVersion(product);
}

/** The consumers that read `major` of the product. */
export function consumersOfMajor(product: DataProduct, major: number): ProductConsumer[] {
  return product.consumers.filter((c) => consumerMajor(product, c) === major);
}

/** Whether a previous major's sunset is behind `today` (`YYYY-MM-DD`): the sunset day itself still counts. */
export function isPastSunset(previous: PreviousMajor, today: string): boolean {
  return previous.sunset < today;
}
